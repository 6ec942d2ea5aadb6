/**
 * `npm start -- --terraform DIR` as a developer runs it on another module (the README's example,
 * test/fixtures/modules/two-functions, its zips built first by its build.mjs): the banner maps every
 * behaviour and function, and each printed curl command works as printed through the one distribution.
 * Ports come from the documented variables. (Ctrl-C is start.test.ts's: the same code stops either module.)
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PORT_ENV, REPO_ROOT } from "../../emulator/config/defaults.js";
import { buildPackages } from "../fixtures/modules/two-functions/build.mjs";
import { freePort } from "../test-support/free-port.js";
import { TWO_FUNCTIONS } from "../test-support/module-stack.js";

const run = promisify(execFile);
const DIST = path.join(TWO_FUNCTIONS, "dist");

let child: ChildProcess;
let output = "";
/** The module's dist/ was built here (and is removed after), not by the developer. */
let builtHere = false;
const stateDir = mkdtempSync(path.join(os.tmpdir(), "module-start-"));
const ports: Record<string, number> = {};

beforeAll(async () => {
  // Terraform's `filename` names dist/ beside the module (gitignored); build it as the README says.
  if (!existsSync(DIST)) {
    buildPackages(DIST);
    builtHere = true;
  }
  for (const name of Object.values(PORT_ENV)) ports[name] = await freePort();
  const env = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    EMULATOR_STATE_DIR: stateDir,
  };
  const args = ["start", "--", "--terraform", path.relative(REPO_ROOT, TWO_FUNCTIONS)];
  child = spawn("npm", args, { cwd: REPO_ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const collect = (part: Buffer) => {
    output += part.toString("utf8");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const deadline = Date.now() + 60_000;
  while (!output.includes("Stop: Ctrl-C")) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`no banner within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 90_000);

afterAll(() => {
  if (child?.pid !== undefined) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  rmSync(stateDir, { recursive: true, force: true });
  if (builtHere) rmSync(DIST, { recursive: true, force: true });
});

it("the banner names the module and maps each behaviour, in order, and each function", () => {
  expect(output).toContain("Offline stack of test/fixtures/modules/two-functions ready");
  const rows = output.split("\n").map((l) => l.trim().split(/\s{2,}/));
  const behaviours = rows.filter((r) => r[1]?.startsWith("-> ")).map((r) => r.slice(0, 2));
  expect(behaviours).toEqual([
    ["/events/*", "-> fixture-events"],
    ["/reports/*", "-> fixture-report"],
    ["Default (*)", "-> fixture-report"],
  ]);
  const functions = rows.filter((r) => /\.lambda-url\./.test(r[1] ?? "")).map((r) => [r[0], r[2]]);
  expect(functions).toEqual([
    ["fixture-events", "AWS_IAM, RESPONSE_STREAM"],
    ["fixture-report", "NONE, BUFFERED"],
  ]);
  expect(output).not.toContain("Chatbot endpoint");
});

it("each printed curl command works as printed: one distribution, each path to its behaviour's function", async () => {
  const commands = [...output.matchAll(/^\s+(curl -N \S+)$/gm)].map((m) => m[1] ?? "");
  expect(commands.map((c) => new URL(c.split(" ")[2] ?? "").pathname)).toEqual([
    "/events/example",
    "/reports/example",
    "/",
  ]);
  const bodies = await Promise.all(
    commands.map(
      async (c) =>
        (await run("bash", ["-c", `${c} --silent --show-error --fail`], { timeout: 30_000 })).stdout,
    ),
  );
  const [events, report, fallback] = bodies;
  expect(events).toContain('data: {"n":1,"path":"/events/example","method":"GET","tagged":"events"}');
  expect(events?.endsWith("data: [DONE]\n\n")).toBe(true);
  expect(JSON.parse(report ?? "")).toMatchObject({
    report: "weekly",
    path: "/reports/example",
    tagged: null,
  });
  expect(JSON.parse(fallback ?? "")).toMatchObject({ path: "/", tagged: null });
});
