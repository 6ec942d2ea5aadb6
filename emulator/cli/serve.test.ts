/**
 * The per-service scripts are `npm run serve -- <service>` under another name: the same startup, and
 * one port-in-use message for every service (PortInUseError), naming the variable to change.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { PORT_ENV, REPO_ROOT } from "../config/defaults.js";
import { SERVICE_LABEL, type ServiceName } from "../stack/service-startup.js";

const run = promisify(execFile);
const stateDir = mkdtempSync(path.join(os.tmpdir(), "serve-"));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

const SCRIPTS: [string, ServiceName][] = [
  ["cognito", "cognito"],
  ["gemini-stub", "gemini"],
  ["function-url", "functionUrl"],
  ["cloudfront", "cloudfront"],
  ["ssm", "ssm"],
];

it.each(SCRIPTS)(
  "npm run %s on a busy port: the stack's one port-in-use message, exit 1",
  async (script, service) => {
    const busy = net.createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => busy.once("listening", resolve));
    const { port } = busy.address() as net.AddressInfo;
    try {
      const result = await run("npm", ["run", "-s", script], {
        cwd: REPO_ROOT,
        timeout: 60_000,
        env: {
          ...process.env,
          [PORT_ENV[service]]: String(port),
          EMULATOR_STATE_DIR: stateDir,
          EMULATOR_CONFIG: "",
        },
      }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `serve failed: ${SERVICE_LABEL[service]} cannot listen on 127.0.0.1:${port}: the port is in use. ` +
          `Stop whatever holds it, or set ${PORT_ENV[service]} to another port.\n`,
      );
    } finally {
      busy.close();
    }
  },
  60_000,
);
