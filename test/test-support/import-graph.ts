/**
 * The repository's import graph, read from source text: relative specifiers of static imports,
 * re-exports, dynamic `import()` and `require()`; packages are not followed. Used by the boundary
 * tests (test/architecture/) to say which part may reach which (ARCHITECTURE.md).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const SOURCE = /\.(ts|tsx|mts|mjs|cjs|js)$/;
const TEST = /\.test\.tsx?$/;
// `from "x"` (import and export), `import "x"`, `import("x")` and `require("x")`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

export interface GraphOptions {
  /** Follow test files (`*.test.ts(x)`); by default they are leaves nothing imports. */
  tests?: boolean;
  /** Leave out type-only imports (for run-time cycles). */
  runtimeOnly?: boolean;
}

/** Source files under `dir` (repository-relative), without node_modules. */
export function sourceFiles(dir: string, options: GraphOptions = {}): string[] {
  const root = path.join(REPO_ROOT, dir);
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && SOURCE.test(entry.name) && !entry.parentPath.includes("node_modules"),
    )
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => options.tests || !TEST.test(file));
}

/** The repository files `file` imports (absolute paths). */
function importsOf(file: string, options: GraphOptions = {}): string[] {
  const out: string[] = [];
  const text = readFileSync(file, "utf8");
  const statements = options.runtimeOnly ? text.replace(/^\s*(?:import|export)\s+type\b[^;]*;/gm, "") : text;
  for (const [, specifier] of statements.matchAll(SPECIFIER)) {
    const target = resolve(path.resolve(path.dirname(file), specifier as string));
    if (target && (options.tests || !TEST.test(target))) out.push(target);
  }
  return out;
}

function resolve(base: string): string | undefined {
  const stem = base.replace(/\.(m?js|jsx)$/, "");
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, path.join(base, "index.ts")];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** The first import chain from a file under `fromDir` to one under `toDir` (relative paths), or undefined. */
export function chainBetween(
  fromDir: string,
  toDir: string,
  options: GraphOptions = {},
): string[] | undefined {
  const to = path.join(REPO_ROOT, toDir) + path.sep;
  const seen = new Set<string>();
  const queue: string[][] = sourceFiles(fromDir, options).map((f) => [f]);
  for (let chain = queue.shift(); chain; chain = queue.shift()) {
    const file = chain.at(-1) as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.startsWith(to)) return chain.map((f) => path.relative(REPO_ROOT, f));
    for (const next of importsOf(file, options)) queue.push([...chain, next]);
  }
  return undefined;
}

/** Every import cycle among the files under `dir`, each as `a -> b -> a` (relative paths). */
export function cyclesUnder(dir: string, options: GraphOptions = {}): string[] {
  const files = sourceFiles(dir, options);
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    stack.push(file);
    for (const next of importsOf(file, options)) {
      if (state.get(next) === "open") {
        const loop = [...stack.slice(stack.indexOf(next)), next];
        cycles.push(loop.map((f) => path.relative(REPO_ROOT, f)).join(" -> "));
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}

// A bare specifier (a package or `node:` module) in the same statement forms as SPECIFIER.
const BARE = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^."'/][^"']*)["']/g;

/**
 * The first import chain from `entry` (repository-relative) to a file that imports `pkg` (a package
 * name, matched with or without a subpath), or undefined. Type-only imports are left out: they load
 * nothing at run time.
 */
export function chainToPackage(entry: string, pkg: string): string[] | undefined {
  const seen = new Set<string>();
  const queue: string[][] = [[path.join(REPO_ROOT, entry)]];
  for (let chain = queue.shift(); chain; chain = queue.shift()) {
    const file = chain.at(-1) as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8").replace(/^\s*(?:import|export)\s+type\b[^;]*;/gm, "");
    for (const [, specifier] of text.matchAll(BARE)) {
      if (specifier === pkg || specifier?.startsWith(`${pkg}/`)) {
        return [...chain.map((f) => path.relative(REPO_ROOT, f)), specifier];
      }
    }
    for (const next of importsOf(file, { runtimeOnly: true })) queue.push([...chain, next]);
  }
  return undefined;
}
