/** A scenario selection the stub refuses (a bad PUT body or `[[stub:…]]` marker); answered as 400. */
export class ScenarioError extends Error {
  override name = "ScenarioError";
}
