/**
 * The `ric` runtime loads the handler the way Lambda does: as a file in `LAMBDA_TASK_ROOT`, found by
 * the module part of `_HANDLER` (RIC `module-loader`: `<root>/<module>` + "", .js, .mjs, .cjs).
 *
 * A task root is a folder named after the handler version holding ONE entry file, named like the
 * deployed package's entry (`index.mjs`, from `functionUrl.bundleEntry`):
 * - for plain JavaScript, a symbolic link to the source (Node follows it, so the handler's relative
 *   and package imports resolve from where the file really is); RIC's process then runs with
 *   `--enable-source-maps`, as it always did;
 * - for a handler the emulator compiled (TypeScript, once per version by `module-build.ts`), a small
 *   loader that imports the handler's packages with source maps off, turns them on
 *   (`process.setSourceMapsEnabled`) and imports the compiled file, re-exporting what `_HANDLER` names.
 *   Only the handler's own map is parsed, as in the worker runtime (runtimes/worker/source-map-scope.ts):
 *   the maps the packages ship (`@google/genai`'s alone is 0.9 MB) cost each container process about
 *   35 MB under `--enable-source-maps`. The loader is imported where RIC imports the handler, after
 *   RIC set up its globals, so the packages are evaluated in the same order as before, only earlier
 *   than the handler's own code; handler frames still name `handler/src` lines, a package frame its
 *   published file (Assumption: a developer debugs their own code; Lambda maps none unless told to).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { tempNameFor } from "../../../common/temp-name.js";
import { type BuiltModule, cacheDirFor } from "../../module-build.js";
import { isCompiledHandler, packageImports, preloadModule } from "../worker/source-map-scope.js";

/** Whether `built`'s task root loads it with source maps for the handler alone (see above). */
export function scopesSourceMaps(built: BuiltModule): boolean {
  return built.plainJs && isCompiledHandler(built.path);
}

/**
 * The export `_HANDLER` resolves first (RIC `parseHandlerString`: `dir/index.a.b` -> module `index`,
 * export path `a.b`, looked up on the module, then on its default export).
 */
export function handlerExport(handler: string): string {
  const base = handler.slice(handler.lastIndexOf("/") + 1);
  const dot = base.indexOf(".");
  return dot < 0 ? "" : (base.slice(dot + 1).split(".")[0] ?? "");
}

/** The loader module for a compiled handler: its packages, then source maps on, then the handler. */
export function loaderSource(compiled: string, exportName: string): string {
  const specs = packageImports(readFileSync(compiled, "utf8"));
  const packages = specs.length > 0 ? pathToFileURL(preloadModule(compiled, specs)).href : undefined;
  const lines = [
    "// The emulator's task-root entry for a handler it compiled (function-url/runtimes/ric/task-root.ts).",
    // A package that fails to load is left for the handler's own import to fail on, with its error.
    ...(packages ? [`try { await import(${JSON.stringify(packages)}); } catch {}`] : []),
    "process.setSourceMapsEnabled(true);",
    `const handlerModule = await import(${JSON.stringify(pathToFileURL(compiled).href)});`,
    "const fallback = handlerModule.default;",
  ];
  if (exportName === "default" || exportName === "") lines.push("export { fallback as default };");
  else
    lines.push(
      `const exported = handlerModule[${JSON.stringify(exportName)}];`,
      `export { exported as ${JSON.stringify(exportName)}, fallback as default };`,
    );
  return `${lines.join("\n")}\n`;
}

/**
 * Returns the task root for `built`, whose handler setting is `handler` (`_HANDLER`). When the
 * TypeScript did not compile, the task root's entry throws the compiler's message as a SyntaxError at
 * import, which RIC reports as `Runtime.UserCodeSyntaxError`, as Lambda would for a package whose code
 * does not parse.
 */
export async function taskRootFor(
  built: BuiltModule,
  packageEntry: string,
  handler = "index.handler",
): Promise<string> {
  const source = built.path;
  const ext = built.plainJs ? path.extname(source) || ".mjs" : ".mjs";
  const fileName = `${path.basename(packageEntry).replace(/\.[^.]+$/, "")}${ext}`;
  // The loader's text is part of the key: an entry written by another version of it is never reused.
  const loader = scopesSourceMaps(built) ? loaderSource(source, handlerExport(handler)) : undefined;
  const key = createHash("sha256")
    .update(`${source}\n${fileName}\n${built.error ?? ""}\n${loader ?? ""}`)
    .digest("hex")
    .slice(0, 16);
  const root = path.join(cacheDirFor(source), `task-${key}`);
  const file = path.join(root, fileName);
  if (existsSync(file)) return root;
  await mkdir(root, { recursive: true });
  // Unique per call: several servers in one process may prepare the same task root at once.
  const partial = tempNameFor(file);
  if (loader !== undefined) await writeFile(partial, loader);
  else if (built.plainJs) await symlink(source, partial);
  else
    await writeFile(
      partial,
      `throw new SyntaxError(${JSON.stringify(built.error ?? "does not compile")});\n`,
    );
  // Rename over a concurrent emulator's identical entry is harmless; a half-made entry never shows.
  await rename(partial, file);
  return root;
}
