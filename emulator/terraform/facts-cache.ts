/**
 * The Terraform facts of the last starts, kept by the content of everything they were read from, so a
 * start whose module has not changed skips the HCL parser: about 0.1 to 0.2 s and about 60 MB of
 * resident memory (the parser is Go compiled to WebAssembly and keeps its heap for the life of the
 * process; docs/performance.md).
 *
 * The key covers every input of `readTerraformFacts`: the module folder's path and each file under it (the `.tf`
 * files, `environments/*.tfvars`, a developer's `local.tfvars`, and what `file()` reads, which Terraform
 * modules name through `path.module`), an explicit tfvars file, the stand-ins, the reader's own source
 * and the parser's version. Only facts are kept: a module the reader refuses is refused again on the
 * next start, with the same error. `EMULATOR_TERRAFORM_CACHE=off` turns the cache off.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cacheDirFor } from "../common/cache-dir.js";
import { tempNameFor } from "../common/temp-name.js";
import type { TerraformFacts } from "./facts.js";
import { type ReadTerraformOptions, readTerraformFacts } from "./read-terraform-facts.js";

/** Bumped when the file's format changes (the reader's own changes are in the key already). */
const FORMAT = 1;
/** Entries kept; older ones are removed (a few modules or branches at once, never a growing pile). */
const KEEP = 16;
/** Folders under the module that are never inputs: its tests, Terraform's own state. */
const NOT_INPUTS = new Set(["test", ".terraform"]);

const READER_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface FactsCacheOptions {
  /** Where entries are kept; default `node_modules/.cache/terraform-facts`. */
  dir?: string;
  /** Receives "hit" or "miss" (for tests and the bench). */
  onLookup?: (result: "hit" | "miss") => void;
}

/** `readTerraformFacts`, answered from the cache when nothing it reads has changed. */
export async function readTerraformFactsCached(
  options: ReadTerraformOptions,
  cache: FactsCacheOptions = {},
): Promise<TerraformFacts> {
  const dir = cache.dir ?? cacheDirFor(READER_DIR, "terraform-facts");
  const file = path.join(dir, `${cacheKey(options)}.json`);
  const cached = await readEntry(file);
  cache.onLookup?.(cached ? "hit" : "miss");
  if (cached) return cached;
  const facts = await readTerraformFacts(options);
  await writeEntry(dir, file, facts).catch(() => {
    // A read-only tree (a container image) just goes without the cache.
  });
  return facts;
}

/** The hash of every input the reader uses (see the module comment). */
export function cacheKey(options: ReadTerraformOptions): string {
  const hash = createHash("sha256");
  const add = (label: string, content: string | Buffer) => {
    hash.update(`${label}\0${content.length}\0`);
    hash.update(content);
  };
  add("format", String(FORMAT));
  add("parser", parserVersion());
  for (const file of sourceFiles(READER_DIR)) add(`reader:${path.basename(file)}`, readFileSync(file));
  add("stand-ins", JSON.stringify(options.standIns));
  const moduleDir = path.resolve(options.dir);
  // The facts name files by absolute path (the CloudFront Function's source): the same module in
  // another folder (a second clone, a worktree sharing node_modules) is another entry.
  add("module-dir", moduleDir);
  for (const file of moduleFiles(moduleDir))
    add(`module:${path.relative(moduleDir, file)}`, readFileSync(file));
  add("parameter-key-variable", options.parameterKeyVariable ?? "");
  if (options.tfvarsFile) add(`tfvars:${path.resolve(options.tfvarsFile)}`, readFileSync(options.tfvarsFile));
  return hash.digest("hex").slice(0, 32);
}

function parserVersion(): string {
  const require = createRequire(import.meta.url);
  const manifest = require("@cdktn/hcl2json/package.json") as { version: string };
  return manifest.version;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Every file under the module folder but its tests and Terraform's state, in a stable order. */
function moduleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return NOT_INPUTS.has(entry.name) ? [] : moduleFiles(full);
      return entry.isFile() && !/\.tfstate(\.|$)/.test(entry.name) ? [full] : [];
    });
}

async function readEntry(file: string): Promise<TerraformFacts | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as TerraformFacts;
  } catch {
    return undefined; // absent, or cut short by a crash mid-write: read the module again
  }
}

async function writeEntry(dir: string, file: string, facts: TerraformFacts): Promise<void> {
  await mkdir(dir, { recursive: true });
  // Written whole, then renamed: two stacks starting at once never read half an entry.
  const partial = tempNameFor(file);
  await writeFile(partial, JSON.stringify(facts));
  await rename(partial, file);
  const entries = await Promise.all(
    (await readdir(dir))
      .filter((name) => name.endsWith(".json"))
      .map(async (name) => ({ name, mtime: (await stat(path.join(dir, name))).mtimeMs })),
  );
  entries.sort((a, b) => b.mtime - a.mtime);
  await Promise.all(entries.slice(KEEP).map(({ name }) => unlink(path.join(dir, name)).catch(() => {})));
}
