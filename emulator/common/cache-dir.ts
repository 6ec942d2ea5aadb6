import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * `<dir>/node_modules/.cache/<name>` for the nearest ancestor of `file` with a node_modules (where
 * build tools keep their caches, so `rm -rf node_modules` clears it), else `<tmp>/<name>-cache`.
 */
export function cacheDirFor(file: string, name: string): string {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    if (existsSync(path.join(dir, "node_modules"))) return path.join(dir, "node_modules", ".cache", name);
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(tmpdir(), `${name}-cache`);
    dir = parent;
  }
}
