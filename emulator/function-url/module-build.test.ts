import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { cacheDirFor, compileToCache, createModuleBuilder } from "./module-build.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fu-build-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("puts the output under the nearest node_modules, so bare package imports still resolve", async () => {
  await mkdir(path.join(dir, "app", "node_modules"), { recursive: true });
  await mkdir(path.join(dir, "app", "src", "deep"), { recursive: true });
  expect(cacheDirFor(path.join(dir, "app", "src", "deep", "index.ts"))).toBe(
    path.join(dir, "app", "node_modules", ".cache", "function-url"),
  );
});

it("bundles relative imports, keeps packages external, and names the file by content hash", async () => {
  const src = path.join(dir, "hash");
  await mkdir(src, { recursive: true });
  await writeFile(path.join(src, "greet.ts"), `export const greet = (n: string): string => "hi " + n;\n`);
  await writeFile(
    path.join(src, "index.ts"),
    `import { greet } from "./greet.js";\nimport { CognitoJwtVerifier } from "aws-jwt-verify";\nexport const handler = async () => greet(typeof CognitoJwtVerifier);\n`,
  );
  const out = path.join(dir, "out");
  const first = await compileToCache(path.join(src, "index.ts"), out);
  expect(path.basename(first)).toMatch(/^index-[0-9a-f]{16}\.mjs$/);
  const code = await readFile(first, "utf8");
  expect(code).toContain('from "aws-jwt-verify"');
  expect(code).toContain('"hi "');
  expect(code).not.toContain("./greet.js");
  // Same sources -> same file; a change -> a new file.
  expect(await compileToCache(path.join(src, "index.ts"), out)).toBe(first);
  await writeFile(path.join(src, "greet.ts"), `export const greet = (n: string): string => "hello " + n;\n`);
  expect(await compileToCache(path.join(src, "index.ts"), out)).not.toBe(first);
});

it("compiles once until invalidated; plain JavaScript is used as is", async () => {
  const ts = path.join(dir, "once.ts");
  await writeFile(ts, "export const handler = async (): Promise<number> => 1;\n");
  const logs: string[] = [];
  const builder = createModuleBuilder(ts, (l) => logs.push(l));
  const a = await builder.get();
  expect(await builder.get()).toBe(a);
  expect(a.plainJs).toBe(true);
  expect(logs.filter((l) => l.startsWith("compiled once.ts"))).toHaveLength(1);
  builder.invalidate();
  await builder.get();
  expect(logs.filter((l) => l.startsWith("compiled once.ts"))).toHaveLength(2);

  const js = path.join(dir, "plain.mjs");
  expect(await createModuleBuilder(js, () => {}).get()).toEqual({ path: js, plainJs: true });
});

it("removes compiled files of the same entry that are over a day old, and keeps recent ones", async () => {
  const src = path.join(dir, "stale");
  const out = path.join(dir, "stale-out");
  await mkdir(src, { recursive: true });
  await mkdir(out, { recursive: true });
  const old = path.join(out, "index-00000000000000aa.mjs");
  const recent = path.join(out, "index-00000000000000bb.mjs");
  const other = path.join(out, "handler-00000000000000cc.mjs");
  for (const file of [old, recent, other]) await writeFile(file, "export {};\n");
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  await utimes(old, twoDaysAgo, twoDaysAgo);
  await utimes(other, twoDaysAgo, twoDaysAgo);
  await writeFile(path.join(src, "index.ts"), "export const handler = async () => 1;\n");
  const written = await compileToCache(path.join(src, "index.ts"), out);
  const left = (await readdir(out)).sort();
  expect(left).toEqual([path.basename(other), path.basename(recent), path.basename(written)].sort());
});

it("two builds of one entry at once in one process (two stacks starting side by side) both get the whole file", async () => {
  const src = path.join(dir, "twice");
  await mkdir(src, { recursive: true });
  // Large enough that the two writes overlap.
  const body = Array.from({ length: 4000 }, (_, i) => `export const v${i} = ${i};`).join("\n");
  await writeFile(path.join(src, "index.ts"), `${body}\nexport const handler = async () => v1;\n`);
  const whole = await readFile(
    await compileToCache(path.join(src, "index.ts"), path.join(dir, "alone")),
    "utf8",
  );
  const out = path.join(dir, "twice-out");
  for (let round = 0; round < 5; round++) {
    await rm(out, { recursive: true, force: true });
    const [a, b, c] = await Promise.all([
      compileToCache(path.join(src, "index.ts"), out),
      compileToCache(path.join(src, "index.ts"), out),
      compileToCache(path.join(src, "index.ts"), out),
    ]);
    expect(new Set([a, b, c]).size).toBe(1);
    expect(await readFile(a, "utf8")).toBe(whole);
    expect((await readdir(out)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }
});
