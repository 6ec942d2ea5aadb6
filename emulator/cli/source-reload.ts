/**
 * Live reload for `npm start` and `npm run serve`: a change under a function's `watch` folders makes
 * the next request to that function start a fresh container, like a redeploy (functions that run from
 * source; one that runs its deployed zip is not rebuilt here).
 */
import path from "node:path";
import { stackFunctions } from "../config/functions.js";
import { watchForReload } from "../function-url/containers/source-watch.js";
import type { RunningStack } from "../stack/running-stack.js";

/**
 * Watches every function that runs from source; returns what stops watching. `bundles`: also a function
 * that runs its built bundle (`npm start` reloads it too; `serve` leaves it alone).
 */
export function watchSources(
  stack: Pick<RunningStack, "config" | "functionUrl">,
  options: { bundles: boolean; log?: (line: string) => void },
): () => void {
  const server = stack.functionUrl;
  if (!server) return () => {};
  const stops = stackFunctions(stack.config)
    .filter((fn) => fn.codeFrom === "source" && (options.bundles || !fn.useBundle))
    .map((fn) => {
      const dirs = fn.watch ?? [path.dirname(fn.sourceEntry)];
      options.log?.(
        `reloads ${fn.functionName} on a change under ${dirs.map((d) => path.relative(process.cwd(), d) || d).join(", ")}`,
      );
      return watchForReload(server, dirs, { functionName: fn.functionName });
    });
  return () => {
    for (const stop of stops) stop();
  };
}
