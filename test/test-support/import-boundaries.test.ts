/**
 * The handler ships on its own and the frontend speaks HTTP to whatever endpoint it is given, so
 * neither may reach into emulator/, not even through a test double they share with other areas
 * (TESTING.md, "Where doubles live"). Follows relative imports transitively from every file of
 * handler/ and frontend/src/, tests and test-support included.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const ROOTS = ["handler", "frontend/src"];
const FORBIDDEN = path.join(REPO_ROOT, "emulator") + path.sep;
const SOURCE = /\.(ts|tsx|mjs|cjs|js)$/;
const SPECIFIER = /(?:from|import|require)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The file a relative specifier names (`./x.js` is written for `./x.ts` under NodeNext). */
function resolve(from: string, specifier: string): string | undefined {
  const target = path.resolve(path.dirname(from), specifier);
  const candidates = [target, target.replace(/\.js$/, ".ts"), target.replace(/\.js$/, ".tsx")];
  return candidates.find((file) => existsSync(file) && SOURCE.test(file));
}

/** Every chain `a -> b -> ... -> emulator/...` reachable from the given files. */
function pathsIntoEmulator(start: string[]): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const queue = start.map((file) => [file]);
  for (let chain = queue.shift(); chain; chain = queue.shift()) {
    const file = chain.at(-1) as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(SPECIFIER)) {
      const target = path.resolve(path.dirname(file), specifier as string);
      const next = [...chain, target].map((f) => path.relative(REPO_ROOT, f)).join(" -> ");
      if (target.startsWith(FORBIDDEN)) {
        found.push(next);
        continue;
      }
      const resolved = resolve(file, specifier as string);
      if (resolved) queue.push([...chain, resolved]);
    }
  }
  return found;
}

it("handler/ and frontend/src/ (their tests and test doubles too) import nothing from emulator/", () => {
  const files = ROOTS.flatMap((root) => filesUnder(path.join(REPO_ROOT, root)));
  expect(files.length).toBeGreaterThan(20);
  expect(pathsIntoEmulator(files)).toEqual([]);
});
