/**
 * Source maps for the handler, not for its packages. `process.setSourceMapsEnabled(true)` makes Node
 * parse the map of EVERY module compiled afterwards; the npm packages the compiled handler imports
 * ship their own (`@google/genai` alone: a 0.9 MB map), and parsing them cost about 4 MB per worker
 * container (measured: 27.4 -> 23.5 MB per worker with the real handler, 8 workers, Node 20), and
 * about 35 MB per `ric` container process under `--enable-source-maps` (its heap's old space twice
 * as large, its young generation grown by the parse: runtimes/ric/task-root.ts, which loads the
 * handler the same way through its task root's entry).
 *
 * So, for a handler the emulator compiled (module-build.ts), its static package imports are loaded
 * first with maps off, then maps are turned on and the handler itself is imported: its inline map
 * is parsed, and the packages come from the module cache already evaluated, in the order the
 * handler's own imports would have evaluated them. Handler frames stay mapped to `handler/src`
 * lines; a package frame names the package's published .js/.mjs file instead of its TypeScript
 * source (Assumption: a developer debugs their own code, not the SDK's; harsher, never kinder).
 *
 * A package that fails to load is left for the handler's own import to fail on, with the message
 * and Init error the handler would have had anyway (an ES module that threw stays errored in the
 * cache, so the second import rethrows the same error).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** esbuild's output puts each external static import on a line of its own, at the top. */
const STATIC_IMPORT = /^import\s+(?:[\w$*{}\s,]+\s+from\s+)?"([^"]+)";$/gm;

/** Bare package specifiers the module imports statically (no relative paths, no Node built-ins). */
export function packageImports(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(STATIC_IMPORT)) {
    const spec = match[1] ?? "";
    if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("node:")) continue;
    found.add(spec);
  }
  return [...found];
}

/** True for a file module-build.ts wrote (`…/.cache/function-url/<name>-<hash>.mjs`). */
export function isCompiledHandler(modulePath: string): boolean {
  return /[\\/]\.cache[\\/]function-url[\\/][^\\/]+-[0-9a-f]{16}\.mjs$/.test(modulePath);
}

/**
 * A module next to the handler that imports its packages: resolved from the same folder, so every
 * specifier names the same file the handler's import will. Written once per compiled version
 * (the name carries the handler's content hash), write-then-rename for concurrent containers.
 */
export function preloadModule(modulePath: string, specs: readonly string[]): string {
  const file = modulePath.replace(/\.mjs$/, ".packages.mjs");
  if (!existsSync(file)) {
    // Unique per call, as emulator/common/temp-name.ts makes them; this module is loaded on its own
    // (it imports only Node's built-ins), so it cannot import that one.
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(partial, specs.map((s) => `import ${JSON.stringify(s)};\n`).join(""));
    renameSync(partial, file);
  }
  return file;
}

/**
 * Turns source maps on for the handler about to be imported from `modulePath`, after loading its
 * packages without them when the emulator compiled it; any other module gets maps on right away.
 */
export async function enableSourceMapsFor(modulePath: string): Promise<void> {
  if (isCompiledHandler(modulePath)) {
    try {
      const specs = packageImports(readFileSync(modulePath, "utf8"));
      if (specs.length > 0) await import(pathToFileURL(preloadModule(modulePath, specs)).href);
    } catch {
      // Left for the handler's import to report (see above).
    }
  }
  process.setSourceMapsEnabled(true);
}
