/**
 * `--log-format` on the commands that run services (`npm run serve`, `npm start`): text by default,
 * JSON lines for `jq` on request, and a clear usage error for anything else.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterEach, expect, it } from "vitest";
import { REPO_ROOT } from "../config/defaults.js";

const run = promisify(execFile);
const children: ChildProcess[] = [];
const stateDir = mkdtempSync(path.join(os.tmpdir(), "log-format-"));
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGTERM");
});
process.on("exit", () => rmSync(stateDir, { recursive: true, force: true }));

/** Runs `serve gemini` on a free port and hands back its stdout lines as they come. */
function serveGemini(...args: string[]): { next: () => Promise<string> } {
  const child = spawn(process.execPath, ["--import", "tsx", "emulator/cli/serve.ts", "gemini", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, GEMINI_STUB_PORT: "0", EMULATOR_STATE_DIR: stateDir, EMULATOR_CONFIG: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    next: async () => {
      const { value, done } = await lines.next();
      if (done) throw new Error("serve exited before printing a line");
      return value as string;
    },
  };
}

it("npm run serve -- gemini --log-format json: every stdout line is one JSON object", async () => {
  const served = serveGemini("--log-format", "json");
  const listening = JSON.parse(await served.next());
  expect(listening).toMatchObject({
    service: "gemini-stub",
    message: expect.stringMatching(/^listening on http:/),
  });
  const url = String(listening.message).replace("listening on ", "");
  await fetch(`${url}/_stub/scenario`, {
    method: "PUT",
    body: '{"name":"default"}',
    headers: { "content-type": "application/json" },
  });
  // The banner's lines (models, endpoints) come first, each its own object; then the request's line.
  let record: Record<string, unknown>;
  do {
    record = JSON.parse(await served.next());
    expect(record).toMatchObject({ service: "gemini-stub", message: expect.any(String) });
  } while (!String(record.message).startsWith("scenario"));
  expect(record).toEqual({
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    service: "gemini-stub",
    message: "scenario default",
  });
}, 60_000);

it("npm run serve -- gemini: readable text by default, the service named once", async () => {
  const served = serveGemini();
  expect(await served.next()).toMatch(
    /^\d\d:\d\d:\d\d\.\d{3} gemini-stub +listening on http:\/\/127\.0\.0\.1:\d+$/,
  );
}, 60_000);

it.each(["emulator/cli/serve.ts", "emulator/cli/start.ts"])(
  "%s refuses an unknown --log-format with exit 2",
  async (file) => {
    const failure = await run(process.execPath, ["--import", "tsx", file, "--log-format", "xml"], {
      cwd: REPO_ROOT,
      timeout: 60_000,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain("--log-format must be one of text, json; got 'xml'");
  },
  60_000,
);
