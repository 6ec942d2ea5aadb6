/**
 * The facts cache answers only for exactly the inputs it was filled from: any change to what the
 * reader reads (a .tf file, a tfvars file, a file() input, the stand-ins) reads the module again, and
 * a module the reader refuses is refused on every start.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { copyModule, MODULE_DIR } from "../../terraform/test/test-support/module-fixture.js";
import { TerraformNotEmulatedError } from "./errors.js";
import type { LocalStandIns } from "./facts.js";
import { cacheKey, readTerraformFactsCached } from "./facts-cache.js";
import { readTerraformFacts } from "./read-terraform-facts.js";

const STAND_INS: LocalStandIns = {
  accountId: "210987654321",
  region: "eu-north-1",
  distribution: {
    id: "ECACHE0000TEST",
    domainName: "dcache.cloudfront.net",
    arn: "arn:aws:cloudfront::210987654321:distribution/ECACHE0000TEST",
  },
  functionUrls: { "chatbot-query": "cacheurlid" },
  environment: { COGNITO_USER_POOL_ID: "eu-north-1_Cache", COGNITO_CLIENT_ID: "cache-client" },
  kmsAliases: { "alias/aws/ssm": "arn:aws:kms:eu-north-1:210987654321:key/facts-managed-key" },
};

let cacheDir: string;
let lookups: string[];
const cache = () => ({ dir: cacheDir, onLookup: (result: string) => lookups.push(result) });

beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), "chatbot-facts-cache-"));
  lookups = [];
});
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

it("answers the second read from the cache, with exactly the facts the reader gives", async () => {
  const options = { dir: MODULE_DIR, standIns: STAND_INS };
  const first = await readTerraformFactsCached(options, cache());
  const second = await readTerraformFactsCached(options, cache());
  expect(lookups).toEqual(["miss", "hit"]);
  expect(second).toStrictEqual(first);
  expect(second).toStrictEqual(await readTerraformFacts(options));
});

it("reads the module again when a .tf file changes, and returns the new facts", async () => {
  const copy = await copyModule([]);
  try {
    const options = { dir: copy.dir, standIns: STAND_INS };
    expect((await readTerraformFactsCached(options, cache())).functions[0]?.lambda.memoryMb).toBe(512);
    await copyEdit(copy.dir, "variables.tf", "default     = 512", "default     = 1024");
    expect((await readTerraformFactsCached(options, cache())).functions[0]?.lambda.memoryMb).toBe(1024);
    expect(lookups).toEqual(["miss", "miss"]);
  } finally {
    await copy.remove();
  }
});

it("keys on every input: a file() source, a new local.tfvars, an explicit tfvars file, the stand-ins", async () => {
  const copy = await copyModule([]);
  try {
    const options = { dir: copy.dir, standIns: STAND_INS };
    // The same files in another folder: the facts name files by absolute path, so another entry.
    expect(cacheKey(options)).not.toBe(cacheKey({ ...options, dir: MODULE_DIR }));
    const keys = new Set([cacheKey(options)]);
    await copyEdit(copy.dir, "functions/forward-authorization.js", "function handler", "function  handler");
    keys.add(cacheKey(options));
    await writeFile(path.join(copy.dir, "local.tfvars"), "lambda_memory_mb = 256\n");
    keys.add(cacheKey(options));
    const tfvarsFile = path.join(copy.dir, "environments/local.tfvars");
    keys.add(cacheKey({ ...options, tfvarsFile }));
    keys.add(cacheKey({ ...options, standIns: { ...STAND_INS, region: "eu-west-3" } }));
    expect(keys.size).toBe(5);
    // Unchanged inputs give the same key (the key is not just random).
    expect(cacheKey(options)).toBe(cacheKey({ ...options }));
  } finally {
    await copy.remove();
  }
});

it("never keeps a refusal: a module the reader refuses is refused again, and nothing is written", async () => {
  const copy = await copyModule([]);
  try {
    // WAF switched on: a valid module the reader does not emulate (terraform-overlay-errors.test.ts).
    await writeFile(path.join(copy.dir, "local.tfvars"), "enable_waf = true\n");
    const options = { dir: copy.dir, standIns: STAND_INS };
    await expect(readTerraformFactsCached(options, cache())).rejects.toThrow(TerraformNotEmulatedError);
    await expect(readTerraformFactsCached(options, cache())).rejects.toThrow(TerraformNotEmulatedError);
    expect(lookups).toEqual(["miss", "miss"]);
    expect(await readdir(cacheDir).catch(() => [])).toEqual([]);
  } finally {
    await copy.remove();
  }
});

it("reads the module again when an entry was cut short (a crash mid-write)", async () => {
  const options = { dir: MODULE_DIR, standIns: STAND_INS };
  await readTerraformFactsCached(options, cache());
  const [entry] = await readdir(cacheDir);
  await writeFile(path.join(cacheDir, entry ?? ""), '{"lambda":');
  const facts = await readTerraformFactsCached(options, cache());
  expect(lookups).toEqual(["miss", "miss"]);
  expect(facts).toStrictEqual(await readTerraformFacts(options));
});

async function copyEdit(dir: string, file: string, find: string, replace: string): Promise<void> {
  const full = path.join(dir, file);
  const text = await readFile(full, "utf8");
  if (!text.includes(find)) throw new Error(`${file} has no ${find}`);
  await writeFile(full, text.replace(find, replace));
}
