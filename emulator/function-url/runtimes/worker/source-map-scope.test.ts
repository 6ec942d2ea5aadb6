/**
 * The worker runtime parses the compiled handler's source map but not those of the packages it
 * imports (the memory they cost per container). Checked in a worker thread, since turning source
 * maps on is process-wide: `module.findSourceMap` answers only for modules whose map Node parsed.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { transformSync } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { isCompiledHandler, packageImports } from "./source-map-scope.js";

const root = mkdtempSync(path.join(os.tmpdir(), "source-map-scope-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An inline map saying every line comes from `source`. */
function inlineMap(source: string): string {
  const map = { version: 3, sources: [source], names: [], mappings: "AAAA;AACA;AACA" };
  return `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString("base64")}`;
}

describe("packageImports", () => {
  it("lists the bare packages of esbuild's top-level imports, not relative paths or built-ins", () => {
    const code = [
      'import { GoogleGenAI } from "@google/genai";',
      'import { randomUUID } from "node:crypto";',
      'import * as ns from "aws-jwt-verify/jwk";',
      'import "side-effect-pkg";',
      'import local from "./local.js";',
      'const later = await import("lazy-pkg");',
      '  import { indented } from "not-top-level";',
    ].join("\n");
    expect(packageImports(code)).toEqual(["@google/genai", "aws-jwt-verify/jwk", "side-effect-pkg"]);
  });
});

it("recognises only files module-build.ts writes", () => {
  expect(isCompiledHandler("/r/node_modules/.cache/function-url/index-0123456789abcdef.mjs")).toBe(true);
  expect(isCompiledHandler("/r/handler/src/index.ts")).toBe(false);
  expect(isCompiledHandler("/r/fixtures/handler.mjs")).toBe(false);
});

it("a compiled handler's map is parsed, its package's map is not, and both still load", async () => {
  const pkgDir = path.join(root, "node_modules", "pkg-with-map");
  mkdirSync(pkgDir, { recursive: true });
  writeFileSync(
    path.join(pkgDir, "package.json"),
    JSON.stringify({ name: "pkg-with-map", type: "module", exports: "./index.mjs" }),
  );
  writeFileSync(path.join(pkgDir, "index.mjs"), `export const fromPkg = 1;\n${inlineMap("pkg-source.ts")}\n`);
  const cache = path.join(root, "node_modules", ".cache", "function-url");
  mkdirSync(cache, { recursive: true });
  const handler = path.join(cache, "index-0123456789abcdef.mjs");
  writeFileSync(
    handler,
    `import { fromPkg } from "pkg-with-map";\nexport const value = fromPkg + 1;\n${inlineMap("handler-source.ts")}\n`,
  );

  // Plain JavaScript for the worker: registering tsx there would turn source maps on by itself.
  const scopeFile = path.join(root, "source-map-scope.mjs");
  const source = readFileSync(path.join(import.meta.dirname, "source-map-scope.ts"), "utf8");
  writeFileSync(scopeFile, transformSync(source, { loader: "ts", format: "esm" }).code);
  const scope = pathToFileURL(scopeFile).href;
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    (async () => {
      const { enableSourceMapsFor } = await import(workerData.scope);
      await enableSourceMapsFor(workerData.handler);
      const mod = await import(workerData.handlerUrl);
      const { findSourceMap } = require("node:module");
      parentPort.postMessage({
        value: mod.value,
        handlerMapped: findSourceMap(workerData.handlerUrl) !== undefined,
        packageMapped: findSourceMap(workerData.pkgUrl) !== undefined,
      });
    })().catch((e) => parentPort.postMessage({ error: String(e) }));`;
  const worker = new Worker(code, {
    eval: true,
    workerData: {
      scope,
      handler,
      handlerUrl: pathToFileURL(handler).href,
      pkgUrl: pathToFileURL(path.join(pkgDir, "index.mjs")).href,
    },
  });
  const result = await new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  await worker.terminate();
  expect(result).toEqual({ value: 2, handlerMapped: true, packageMapped: false });
}, 30_000);
