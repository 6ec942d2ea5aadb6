/**
 * Compiles TypeScript ONCE in the emulator's main thread, so a cold start imports plain JavaScript
 * instead of every container loading tsx and transpiling the handler (and the container runtime) on
 * its own. Measured on the 2-core dev box: that per-container transpile was most of a cold start.
 *
 * esbuild bundles the sources (`bundle: true`) but leaves every npm package external, so the output
 * imports the same installed packages Lambda's bundle would contain. The output goes to
 * `<nearest node_modules>/.cache/function-url/<name>-<content hash>.mjs`: inside a node_modules tree so
 * bare imports still resolve, and keyed by content so a rebuild of unchanged sources reuses the file.
 *
 * @example
 * const build = createModuleBuilder("/repo/handler/src/index.ts", log);
 * const modulePath = await build.get(); // compiled once, cached until invalidate()
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { sha256Hex } from "../aws/sigv4-canonical.js";
import { cacheDirFor as sharedCacheDirFor } from "../common/cache-dir.js";
import { sourceBundleOptions } from "../common/source-bundle.js";
import { tempNameFor } from "../common/temp-name.js";

const TYPESCRIPT = /\.(ts|mts|cts|tsx)$/;

export interface BuiltModule {
  /** The file a container imports: the compiled bundle, or the source itself when nothing was built. */
  path: string;
  /** True when `path` is plain JavaScript (compiled or written that way); false means tsx must load it. */
  plainJs: boolean;
  /** Why compiling failed (when `plainJs` is false): esbuild's first message with its location. */
  error?: string;
}

export interface ModuleBuilder {
  get(): Promise<BuiltModule>;
  /** The next `get()` compiles again (after a source change). */
  invalidate(): void;
}

export interface CompileOptions {
  /** Embed the TypeScript sources in the source map (debug mode). */
  sourcesContent?: boolean;
  /**
   * esbuild's target: the Node the output runs on. The handler's is its Lambda runtime's major
   * (`function-node.ts`, `esbuildTarget`); default the emulator's own Node (the worker runtime's code).
   */
  target?: string;
}

/** `<dir>/node_modules/.cache/function-url` for the nearest ancestor with a node_modules, else a temp folder. */
export function cacheDirFor(file: string): string {
  return sharedCacheDirFor(file, "function-url");
}

/** Bundles one entry to ESM and writes it under a content-hash name; returns the written path. */
export async function compileToCache(
  entry: string,
  cacheDir = cacheDirFor(entry),
  options: CompileOptions = {},
): Promise<string> {
  const result = await build({
    ...sourceBundleOptions(options.target),
    entryPoints: [entry],
    write: false,
    // `outfile` only names the output for esbuild; nothing is written by it.
    outfile: path.join(cacheDir, "out.mjs"),
    // Inline: stack traces are mapped (both runtimes call process.setSourceMapsEnabled before importing
    // it: runtimes/worker/source-map-scope.ts, runtimes/ric/task-root.ts) and the map changes with the
    // code, so the content hash still names
    // one version. Without the sources at little cost, except in debug mode: Chrome DevTools shows a
    // source only from the map (it cannot read `handler/src` from disk); VS Code reads either.
    sourcemap: "inline",
    sourcesContent: options.sourcesContent ?? false,
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${entry}`);
  const hash = sha256Hex(code).slice(0, 16);
  const name = path.basename(entry).replace(/\.[^.]+$/, "");
  const file = path.join(cacheDir, `${name}-${hash}.mjs`);
  if (!existsSync(file)) {
    await mkdir(cacheDir, { recursive: true });
    // Write then rename: a concurrent emulator process never imports a half-written file.
    const partial = tempNameFor(file);
    await writeFile(partial, code);
    await rename(partial, file);
    await removeStale(cacheDir, name);
  }
  return file;
}

/** Compiled files a day old are from earlier sessions: no running emulator still imports them. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

async function removeStale(cacheDir: string, name: string): Promise<void> {
  // `.packages.mjs`: the package list a worker container loads first (runtime/source-map-scope.ts).
  const pattern = new RegExp(
    `^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-[0-9a-f]{16}(\\.packages)?\\.mjs$`,
  );
  const now = Date.now();
  for (const entry of await readdir(cacheDir).catch(() => [] as string[])) {
    if (!pattern.test(entry)) continue;
    const file = path.join(cacheDir, entry);
    const info = await stat(file).catch(() => undefined);
    if (info && now - info.mtimeMs > STALE_AFTER_MS) await unlink(file).catch(() => {});
  }
}

interface EsbuildMessage {
  text: string;
  location?: { file: string; line: number; column: number } | null;
}

function describe(message: EsbuildMessage): string {
  const at = message.location;
  return at ? `${at.file}:${at.line}:${at.column}: ${message.text}` : message.text;
}

/**
 * Plain JavaScript is used as is. TypeScript is compiled on the first `get()`; if compiling fails
 * (e.g. a syntax error mid-edit), the source is handed over unchanged so the container's tsx import
 * fails the Init phase exactly as before (Runtime.ImportModuleError -> 502), with the real message.
 */
export function createModuleBuilder(
  entry: string,
  log: (line: string) => void,
  options: CompileOptions = {},
): ModuleBuilder {
  let pending: Promise<BuiltModule> | undefined;
  const compile = async (): Promise<BuiltModule> => {
    const started = performance.now();
    try {
      const file = await compileToCache(entry, undefined, options);
      log(
        `compiled ${path.basename(entry)} once for all containers in ${(performance.now() - started).toFixed(0)} ms`,
      );
      return { path: file, plainJs: true };
    } catch (err) {
      const first = (err as { errors?: EsbuildMessage[] }).errors?.[0];
      const text = first ? describe(first) : (err as Error).message;
      log(`could not precompile ${path.basename(entry)} (${text}); containers load the source with tsx`);
      return { path: entry, plainJs: false, error: text };
    }
  };
  return {
    get() {
      if (!TYPESCRIPT.test(entry)) return Promise.resolve({ path: entry, plainJs: true });
      pending ??= compile();
      return pending;
    },
    invalidate() {
      pending = undefined;
    },
  };
}

const TSX_ENTRY = new URL("./runtimes/worker/worker-entry.mjs", import.meta.url);
const RUNTIME_SOURCE = new URL("./runtimes/worker/worker-runtime.ts", import.meta.url);
let runtimeEntry: Promise<URL | string> | undefined;

/**
 * The worker entry for containers whose handler is plain JavaScript: the container runtime compiled
 * once per emulator process. Falls back to the tsx entry, which works for any handler.
 */
export function containerRuntimeEntry(log: (line: string) => void): Promise<URL | string> {
  runtimeEntry ??= compileToCache(fileURLToPath(RUNTIME_SOURCE)).catch((err: unknown) => {
    log(`could not precompile the container runtime (${(err as Error).message}); using tsx`);
    return TSX_ENTRY;
  });
  return runtimeEntry;
}

/** The entry that registers tsx first: loads a TypeScript handler (and the runtime) from source. */
export function tsxContainerEntry(): URL {
  return TSX_ENTRY;
}
