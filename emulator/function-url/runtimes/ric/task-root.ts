/**
 * The `ric` runtime loads the handler the way Lambda does: as a file in `LAMBDA_TASK_ROOT`, found by
 * the module part of `_HANDLER` (RIC `module-loader`: `<root>/<module>` + "", .js, .mjs, .cjs).
 *
 * A task root is a folder named after the handler version holding ONE symbolic link, named like the
 * deployed package's entry file (`index.mjs`, from `functionUrl.bundleEntry`), to the compiled
 * handler (TypeScript, compiled once per version by `module-build.ts`) or to the plain JavaScript
 * source. Node follows the link, so the handler's relative and package imports resolve from where
 * the file really is.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { type BuiltModule, cacheDirFor } from "../../module-build.js";

/**
 * Returns the task root for `built`. When the TypeScript did not compile, the task root's entry
 * throws the compiler's message as a SyntaxError at import, which RIC reports as
 * `Runtime.UserCodeSyntaxError`, as Lambda would for a package whose code does not parse.
 */
export async function taskRootFor(built: BuiltModule, packageEntry: string): Promise<string> {
  const source = built.path;
  const ext = built.plainJs ? path.extname(source) || ".mjs" : ".mjs";
  const fileName = `${path.basename(packageEntry).replace(/\.[^.]+$/, "")}${ext}`;
  const key = createHash("sha256")
    .update(`${source}\n${fileName}\n${built.error ?? ""}`)
    .digest("hex")
    .slice(0, 16);
  const root = path.join(cacheDirFor(source), `task-${key}`);
  const file = path.join(root, fileName);
  if (existsSync(file)) return root;
  await mkdir(root, { recursive: true });
  // Unique per call: several servers in one process may prepare the same task root at once.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  if (built.plainJs) await symlink(source, partial);
  else
    await writeFile(
      partial,
      `throw new SyntaxError(${JSON.stringify(built.error ?? "does not compile")});\n`,
    );
  // Rename over a concurrent emulator's identical link is harmless; a half-made entry never shows.
  await rename(partial, file);
  return root;
}
