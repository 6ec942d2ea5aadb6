/**
 * Which part may import which (issue 16: no cycles). Checked by following every static and dynamic
 * import, so a loop through a third folder is caught as well as a direct import:
 * - the Terraform reader returns facts and knows nothing of the configuration that overlays them, so
 *   nothing under `emulator/terraform/` reaches `emulator/config/` (the loader imports the reader);
 * - the frontend speaks HTTP to the endpoints it is given: nothing under `frontend/` reaches `emulator/`.
 * Test files are leaves (nothing imports them, so they cannot close a loop) and are not followed,
 * except under `frontend/`, whose tests must not reach the emulator either.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "./config/defaults.js";

const SOURCE = /\.(ts|tsx|mts)$/;
const TEST = /\.test\.tsx?$/;
// `from "x"` (import and export), `import "x"` and `import("x")`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

/** The repository files `file` imports (relative specifiers only; packages are not followed). */
function importsOf(file: string): string[] {
  const out: string[] = [];
  for (const [, specifier] of readFileSync(file, "utf8").matchAll(SPECIFIER)) {
    if (!specifier?.startsWith(".")) continue;
    const target = resolve(path.resolve(path.dirname(file), specifier));
    if (target) out.push(target);
  }
  return out;
}

function resolve(base: string): string | undefined {
  const stem = base.replace(/\.(m?js|jsx)$/, "");
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, path.join(base, "index.ts")];
  return candidates.find((c) => {
    try {
      return statSync(c).isFile();
    } catch {
      return false;
    }
  });
}

/** The first import chain from a file under `fromDir` to a file under `toDir`, or undefined. */
function chainBetween(fromDir: string, toDir: string, followTests: boolean): string[] | undefined {
  const from = path.join(REPO_ROOT, fromDir);
  const to = path.join(REPO_ROOT, toDir) + path.sep;
  const seen = new Set<string>();
  const queue: string[][] = sourceFiles(from)
    .filter((f) => followTests || !TEST.test(f))
    .map((f) => [f]);
  while (queue.length > 0) {
    const chain = queue.shift() ?? [];
    const file = chain[chain.length - 1] ?? "";
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.startsWith(to)) return chain.map((f) => path.relative(REPO_ROOT, f));
    for (const next of importsOf(file)) {
      if (followTests || !TEST.test(next)) queue.push([...chain, next]);
    }
  }
  return undefined;
}

it("the Terraform reader reaches nothing of emulator/config, directly or through another module", () => {
  expect(chainBetween("emulator/terraform", "emulator/config", false)).toBeUndefined();
});

it("the config loader is the one that imports the Terraform reader (the direction stays one way)", () => {
  expect(chainBetween("emulator/config", "emulator/terraform", false)).toBeDefined();
});

it("nothing under frontend/ reaches emulator/, tests included", () => {
  expect(chainBetween("frontend", "emulator", true)).toBeUndefined();
});
