/**
 * Live reload for `npm start`: a change under the handler's folder makes the next request start a fresh
 * container (like a redeploy). Containers are worker threads with their own module cache, so a fresh one
 * imports the changed source.
 *
 * @example
 * const stop = watchForReload(server, [path.join(REPO_ROOT, "handler/src")]);
 */
import { watch } from "node:fs";
import type { FunctionUrlServer } from "../server.js";

export function watchForReload(
  server: Pick<FunctionUrlServer, "reload">,
  dirs: string[],
  options: {
    debounceMs?: number;
    /** Reload only this function (default: every one). */
    functionName?: string;
  } = {},
): () => void {
  const debounceMs = options.debounceMs ?? 100;
  let timer: NodeJS.Timeout | undefined;
  let changed = new Set<string>();
  const watchers = dirs.map((dir) =>
    // Recursive watching works on Linux from Node 20.
    watch(dir, { recursive: true }, (_event, file) => {
      if (file) changed.add(String(file));
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const files = [...changed].sort().join(", ");
        changed = new Set();
        server.reload(`handler source changed (${files})`, options.functionName);
      }, debounceMs);
    }),
  );
  return () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
