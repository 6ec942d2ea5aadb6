/**
 * `npm start` as a developer runs it: a child process, the banner, the printed curl command run as
 * printed, `npm run ask`, then Ctrl-C. Ports come from the documented variables (the pinned ones may be busy).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PORT_ENV, REPO_ROOT } from "../../emulator/config/defaults.js";
import { freePort } from "../test-support/free-port.js";

const run = promisify(execFile);

let child: ChildProcess;
let output = "";
let env: NodeJS.ProcessEnv;

/** True while any process of the child's process group (npm, tsx, node) is still alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
const stateDir = mkdtempSync(path.join(os.tmpdir(), "chatbot-start-"));
const ports: Record<string, number> = {};

beforeAll(async () => {
  for (const name of Object.values(PORT_ENV)) ports[name] = await freePort();
  env = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    EMULATOR_STATE_DIR: stateDir,
  };
  // The README's command, in its own process group so Ctrl-C can reach npm and everything under it.
  child = spawn("npm", ["start"], { cwd: REPO_ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (part: Buffer) => {
    output += part.toString("utf8");
  });
  child.stderr?.on("data", (part: Buffer) => {
    output += part.toString("utf8");
  });
  const deadline = Date.now() + 60_000;
  while (!output.includes("Stop: Ctrl-C")) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`no banner within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 90_000);

afterAll(() => {
  if (child?.pid !== undefined && groupAlive(child.pid)) process.kill(-child.pid, "SIGKILL");
  rmSync(stateDir, { recursive: true, force: true });
});

it("prints the endpoint, the demo users and a fresh ID token", () => {
  expect(output).toContain(`http://127.0.0.1:${ports.CLOUDFRONT_PORT}/chatbot`);
  expect(output).toContain("alice / Alice-Pass-1");
  expect(output).toContain("bob / Bob-Pass-1");
  expect(output).toMatch(/ID token \(alice.*\):\n\s+eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  // The default runtime is AWS's own runtime client; the curl and ask tests below go through it.
  expect(output).toMatch(/Lambda runtime\s+ric \(AWS's aws-lambda-ric/);
  // ... on the runtime's own Node, as its binary prints it, with the client of the runtime's line.
  expect(output).toMatch(
    /function: Node v24\.\d+\.\d+ \(node-linux-[a-z0-9]+\), aws-lambda-ric 4\.\d+\.\d+, as nodejs24\.x/,
  );
  // The function's key comes through the emulated SSM, at the parameter Terraform declares.
  expect(output).toContain(
    `SSM                http://127.0.0.1:${ports.SSM_PORT}   GetParameter: the function's key at /chatbot/gemini-api-key`,
  );
});

it("the printed curl command works as printed and streams an answer", async () => {
  const start = output.indexOf("curl -N");
  const end = output.indexOf("\n", output.indexOf("--data-binary", start));
  const command = output.slice(start, end);
  const { stdout } = await run("bash", ["-c", `${command} --silent --show-error`], { timeout: 30_000 });
  expect(stdout).toMatch(/^(: keep-alive\n\n)?data: \{"chunk":/);
  expect(stdout.endsWith("data: [DONE]\n\n")).toBe(true);
});

it("npm run ask signs in, sends the question through CloudFront and prints the streamed answer", async () => {
  const question = "why is my loop slow?";
  const { stdout, stderr } = await run("npm", ["run", "--silent", "ask", "--", question], {
    cwd: REPO_ROOT,
    env,
    timeout: 30_000,
  });
  expect(stderr).not.toContain("ask failed");
  // The Gemini stub's tutor reply quotes the question: proof it went viewer -> ... -> model and back.
  expect(stdout).toContain(`You asked: "${question}"`);
  expect(stdout).not.toContain("data:");
});

it("npm run curl sends a body with the token and hash filled in and prints the raw frames", async () => {
  const { stdout, stderr } = await run(
    "npm",
    ["run", "--silent", "curl", "--", "--query", "what is a hash map?"],
    {
      cwd: REPO_ROOT,
      env,
      timeout: 30_000,
    },
  );
  expect(stderr).toMatch(/^HTTP 200 OK\n/);
  expect(stderr).toContain("content-type: text/event-stream; charset=utf-8");
  expect(stdout).toMatch(/^(: keep-alive\n\n)?data: \{"chunk":/);
  const answer = [...stdout.matchAll(/^data: (\{.*\})$/gm)].map((m) => JSON.parse(m[1] ?? "").chunk).join("");
  // The stub's tutor reply quotes the question: the --query body went through.
  expect(answer).toContain('You asked: "what is a hash map?"');
  expect(stdout.endsWith("data: [DONE]\n\n")).toBe(true);
});

it("npm run token mints from the stack's keys: a valid token is accepted, --expired gets 401 TOKEN_EXPIRED", async () => {
  const mint = async (...args: string[]) =>
    (
      await run("npm", ["run", "--silent", "token", "--", ...args], { cwd: REPO_ROOT, env, timeout: 30_000 })
    ).stdout.trim();
  const curl = (token: string) =>
    run("npm", ["run", "--silent", "curl", "--", "--token", token], {
      cwd: REPO_ROOT,
      env,
      timeout: 30_000,
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  const ok = await curl(await mint("--user", "bob"));
  expect(ok.code).toBe(0);
  expect(ok.stdout.endsWith("data: [DONE]\n\n")).toBe(true);
  const expired = await curl(await mint("--expired"));
  expect(expired.code).toBe(1);
  expect(expired.stderr).toMatch(/^HTTP 401 /);
  expect(JSON.parse(expired.stdout)).toMatchObject({ error: { code: "TOKEN_EXPIRED" } });
});

it("Ctrl-C stops every service cleanly", async () => {
  const pid = child.pid as number;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  // A terminal's Ctrl-C sends SIGINT to the whole foreground process group.
  process.kill(-pid, "SIGINT");
  const { code, signal } = await exited;
  // npm re-raises the signal its script got; the stack itself exits 0 after "stopped".
  expect(code === 0 || signal === "SIGINT", `exit code ${code}, signal ${signal}`).toBe(true);
  expect(output).toContain("SIGINT: stopping the stack");
  expect(output).toContain("stopped");
  // No process of the group (npm, tsx, the stack) is left behind.
  for (let i = 0; i < 50 && groupAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(groupAlive(pid)).toBe(false);
  // Every port is free again.
  for (const port of Object.values(ports)) {
    const probe = net.createServer().listen(port, "127.0.0.1");
    await new Promise((resolve, reject) => probe.once("listening", resolve).once("error", reject));
    await new Promise((resolve) => probe.close(resolve));
  }
});

it("a port in use is a clear error naming the variable to change", async () => {
  const blocker = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => blocker.once("listening", resolve));
  const busy = (blocker.address() as net.AddressInfo).port;
  try {
    const result = await run("npm", ["start"], {
      cwd: REPO_ROOT,
      env: { ...process.env, COGNITO_PORT: String(busy), EMULATOR_STATE_DIR: stateDir },
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cognito cannot listen on 127.0.0.1:${busy}: the port is in use`);
    expect(result.stderr).toContain("set COGNITO_PORT to another port");
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});
