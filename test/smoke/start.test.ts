/**
 * `npm start` as a developer runs it: a child process, the banner, the printed curl command run as
 * printed, then Ctrl-C. Ports come from the documented variables (the pinned ones may be busy).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PORT_ENV, REPO_ROOT } from "../../emulator/config/defaults.js";

const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let child: ChildProcess;
let output = "";
const stateDir = mkdtempSync(path.join(os.tmpdir(), "chatbot-start-"));
const ports: Record<string, number> = {};

beforeAll(async () => {
  for (const name of Object.values(PORT_ENV)) ports[name] = await freePort();
  child = spawn(process.execPath, ["--import", "tsx", "emulator/cli/start.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      EMULATOR_STATE_DIR: stateDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
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
  if (child && child.exitCode === null) child.kill("SIGKILL");
  rmSync(stateDir, { recursive: true, force: true });
});

it("prints the endpoint, the demo users and a fresh ID token", () => {
  expect(output).toContain(`http://127.0.0.1:${ports.CLOUDFRONT_PORT}/chatbot`);
  expect(output).toContain("alice / Alice-Pass-1");
  expect(output).toContain("bob / Bob-Pass-1");
  expect(output).toMatch(/ID token \(alice.*\):\n\s+eyJ[\w-]+\.[\w-]+\.[\w-]+/);
});

it("the printed curl command works as printed and streams an answer", async () => {
  const start = output.indexOf("curl -N");
  const end = output.indexOf("\n", output.indexOf("--data-binary", start));
  const command = output.slice(start, end);
  const { stdout } = await run("bash", ["-c", `${command} --silent --show-error`], { timeout: 30_000 });
  expect(stdout).toMatch(/^(: keep-alive\n\n)?data: \{"chunk":/);
  expect(stdout.endsWith("data: [DONE]\n\n")).toBe(true);
});

it("Ctrl-C stops every service cleanly", async () => {
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGINT");
  expect(await exited).toBe(0);
  expect(output).toContain("stopped");
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
    const result = await run(process.execPath, ["--import", "tsx", "emulator/cli/start.ts"], {
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
