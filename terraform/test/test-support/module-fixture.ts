import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The real module: terraform/. */
export const MODULE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A small textual change to one file of the module; `find` must occur exactly once. */
export interface ModuleEdit {
  file: string;
  find: string;
  replace: string;
}

/**
 * Copies terraform/ (without its tests) to a temporary folder and applies `edits`, so every fixture is
 * "the real module, broken in one place". Throws when an edit does not apply, so a stale fixture can
 * never pass by breaking nothing. Call `remove()` when done.
 */
export async function copyModule(edits: ModuleEdit[]): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "chatbot-tf-"));
  await cp(MODULE_DIR, dir, {
    recursive: true,
    filter: (src) => !src.startsWith(path.join(MODULE_DIR, "test")) && !src.includes(`${path.sep}.terraform`),
  });
  for (const edit of edits) {
    const file = path.join(dir, edit.file);
    const text = await readFile(file, "utf8");
    const count = text.split(edit.find).length - 1;
    if (count !== 1) throw new Error(`fixture edit for ${edit.file} matched ${count} times: ${edit.find}`);
    await writeFile(
      file,
      text.replace(edit.find, () => edit.replace),
    );
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The 1-based line of the first occurrence of `text` in a file of `dir`. */
export async function lineOf(dir: string, file: string, text: string): Promise<number> {
  const lines = (await readFile(path.join(dir, file), "utf8")).split("\n");
  const index = lines.findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`${text} not found in ${file}`);
  return index + 1;
}
