/**
 * The shipped artifact: `npm run build`'s bundle, copied outside the repository (no node_modules
 * reachable), imported by a fresh `node` process with a stub `awslambda` global, must export
 * `handler` and answer a real request through both Gemini SDKs. Also checks the zip Terraform uploads.
 */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { inflateRawSync } from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { chatEvent, type Harness, startHarness } from "../../handler/src/test-support/harness.js";

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const buildDir = mkdtempSync(path.join(tmpdir(), "chatbot-build-"));
const lambdaDir = mkdtempSync(path.join(tmpdir(), "chatbot-lambda-"));
let h: Harness;

// The Lambda runtime's globals, reduced to what the handler touches (aws-lambda-nodejs-runtime-interface-client).
const RUNNER = `
import { Writable } from "node:stream";
const STREAMING = Symbol.for("aws.lambda.runtime.handler.streaming");
globalThis.awslambda = {
  streamifyResponse(fn) { fn[STREAMING] = "response"; return fn; },
  HttpResponseStream: { from(stream, prelude) { stream.prelude = prelude; return stream; } },
};
const { handler } = await import("./index.mjs");
const result = { type: typeof handler, streaming: handler[STREAMING] };
if (process.env.TEST_EVENT) {
  const body = [];
  const stream = new Writable({ write(chunk, _enc, cb) { body.push(chunk); cb(); } });
  await handler(JSON.parse(process.env.TEST_EVENT), stream, { awsRequestId: "bundle-test" });
  result.prelude = stream.prelude;
  result.body = Buffer.concat(body).toString("utf8");
}
console.log(JSON.stringify(result));
`;

beforeAll(async () => {
  await run(process.execPath, [path.join(root, "scripts/build-handler.mjs"), "--outdir", buildDir], {
    cwd: root,
  });
  copyFileSync(path.join(buildDir, "handler/index.mjs"), path.join(lambdaDir, "index.mjs"));
  writeFileSync(path.join(lambdaDir, "runner.mjs"), RUNNER);
  h = await startHarness();
}, 120_000);

afterAll(async () => {
  await h?.close();
  rmSync(buildDir, { recursive: true, force: true });
  rmSync(lambdaDir, { recursive: true, force: true });
});

async function runBundle(env: Record<string, string>): Promise<{
  type: string;
  streaming: string;
  prelude?: { statusCode: number; headers: Record<string, string> };
  body?: string;
}> {
  return JSON.parse((await runBundleLines(env)).at(-1) ?? "{}");
}

async function runBundleLines(env: Record<string, string>): Promise<string[]> {
  const { stdout } = await run(process.execPath, ["runner.mjs"], {
    cwd: lambdaDir,
    env: { PATH: process.env.PATH ?? "", AWS_REGION: "us-east-1", ...env },
    timeout: 30_000,
  });
  return stdout.trim().split("\n");
}

it("has no node_modules reachable from the Lambda folder", () => {
  for (let dir = lambdaDir; ; dir = path.dirname(dir)) {
    expect(existsSync(path.join(dir, "node_modules"))).toBe(false);
    if (path.dirname(dir) === dir) break;
  }
});

it("loads in a fresh node process and exports a streaming `handler`", async () => {
  const result = await runBundle({ ...h.env, LOG_LEVEL: "silent" });
  expect(result).toEqual({ type: "function", streaming: "response" });
});

it("answers a request end to end", async () => {
  h.stub.scenario = { pieces: ["Think about ", "the loop bound."] };
  const event = chatEvent(h.idp.mint());
  const result = await runBundle({
    ...h.env,
    LOG_LEVEL: "silent",
    TEST_EVENT: JSON.stringify(event),
  });
  expect(result.prelude?.statusCode).toBe(200);
  expect(result.prelude?.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
  expect(result.body).toBe(
    'data: {"chunk":"Think about "}\n\ndata: {"chunk":"the loop bound."}\n\ndata: [DONE]\n\n',
  );
});

// The logger (Powertools) is bundled too: its debug and request lines print from the lone file.
it("logs JSON lines from the bundle: the refused auth check at LOG_LEVEL=debug, then the request", async () => {
  const lines = await runBundleLines({
    ...h.env,
    LOG_LEVEL: "debug",
    TEST_EVENT: JSON.stringify(chatEvent(undefined)),
  });
  expect(lines.slice(0, -1).map((line) => JSON.parse(line))).toMatchObject([
    { level: "DEBUG", message: "token refused", check: "header missing or empty" },
    { level: "INFO", message: "request", requestId: "bundle-test", outcome: "TOKEN_MISSING", status: 401 },
  ]);
});

it("fails at load naming both key variables when neither is set", async () => {
  const env = { ...h.env, GEMINI_API_KEY: "" };
  await expect(runBundle(env)).rejects.toThrow(/GEMINI_API_KEY or GEMINI_API_KEY_PARAMETER/);
});

it("zips the bundle as index.mjs (handler index.handler), byte for byte", () => {
  const zip = readFileSync(path.join(buildDir, "chatbot-query.zip"));
  const bundle = readFileSync(path.join(buildDir, "handler/index.mjs"));
  expect(zip.readUInt32LE(0)).toBe(0x04034b50);
  const nameLength = zip.readUInt16LE(26);
  expect(zip.subarray(30, 30 + nameLength).toString()).toBe("index.mjs");
  const compressedSize = zip.readUInt32LE(18);
  const data = zip.subarray(30 + nameLength, 30 + nameLength + compressedSize);
  expect(inflateRawSync(data).equals(bundle)).toBe(true);
  // End of central directory: exactly one entry.
  const end = zip.subarray(zip.length - 22);
  expect(end.readUInt32LE(0)).toBe(0x06054b50);
  expect(end.readUInt16LE(10)).toBe(1);
});
