/**
 * esbuild's target for the Lambda bundle, from the runtime terraform/lambda.tf declares
 * (`runtime = "nodejs24.x"` -> `node24`): the build follows the deployment, so the two cannot drift.
 * Plain JavaScript: scripts/build-handler.mjs runs with bare Node.
 *
 * @example buildTarget('runtime = "nodejs24.x"') // "node24"
 */
export function buildTarget(lambdaTf) {
  const runtimes = [...lambdaTf.matchAll(/^\s*runtime\s*=\s*"nodejs(\d+)\.x"/gm)];
  if (runtimes.length !== 1) {
    throw new Error(`terraform/lambda.tf must declare one nodejs<major>.x runtime, found ${runtimes.length}`);
  }
  return `node${runtimes[0][1]}`;
}
