/**
 * `npm run start:debug` (`npm start -- --debug`): what debug mode changes before the stack starts, and
 * the banner lines that say how to attach. The Function URL's part is in function-url/containers/debug-mode.ts.
 *
 * @example
 * const session = prepareDebugSession(config, { inspectPort: "9339" });
 * const stack = await startStack(config, { functionUrl: { debug: session.debug } });
 * console.log(session.bannerLines().join("\n"));
 */
import inspector from "node:inspector";
import { type Environment, emulatorEnvironment } from "../config/environment.js";
import { readSetting, SETTINGS, type SettingName } from "../config/settings.js";
import type { StackConfig } from "../config/types.js";
import {
  DEFAULT_INSPECT_PORT,
  type DebugOptions,
  VSCODE_ATTACH_CONFIG,
} from "../function-url/containers/debug-mode.js";

/** Environment variable for the inspector port (the `--inspect-port` flag wins). */
export const INSPECT_PORT_VARIABLE = "HANDLER_INSPECT_PORT" satisfies SettingName;

/**
 * CloudFront's longest origin read timeout without a quota raise is 60 s; 180 s is the most the
 * emulated distribution accepts (distribution-config.ts). Debug mode takes it, so a breakpoint can
 * hold a chat for three minutes before the viewer gets CloudFront's 504.
 */
const DEBUG_ORIGIN_READ_TIMEOUT_SECONDS = 180;

export interface DebugSession {
  debug: DebugOptions;
  bannerLines(): string[];
}

/**
 * Reads the port (flag, then HANDLER_INSPECT_PORT, then 9339) or throws a usage message. The variable is
 * read and checked by config/settings.ts, the flag by the same rule.
 */
export function inspectPortFrom(flag: string | undefined, env: Environment = emulatorEnvironment()): number {
  if (flag === undefined) return readSetting(INSPECT_PORT_VARIABLE, env) ?? DEFAULT_INSPECT_PORT;
  const port = SETTINGS[INSPECT_PORT_VARIABLE].kind.parse(flag.trim());
  if (typeof port !== "number")
    throw new Error(`inspector port must be a number from 1 to 65535, got '${flag}'`);
  return port;
}

/** Applies debug mode to `config` (in place) and, under `worker`, opens this process's inspector. */
export function prepareDebugSession(config: StackConfig, inspectPort: number): DebugSession {
  const runtime = config.functionUrl.containerRuntime ?? "worker";
  const used = [config.cognito, config.gemini, config.functionUrl, config.cloudfront, config.playground];
  const clash = inspectPort === 0 ? undefined : used.find((part) => part.port === inspectPort);
  if (clash) throw new Error(`inspector port ${inspectPort} is a port of the stack; pick another`);
  config.cloudfront.originReadTimeoutSeconds = DEBUG_ORIGIN_READ_TIMEOUT_SECONDS;
  // Worker threads are targets of their process's inspector (NodeWorker domain), which VS Code and
  // Chrome DevTools attach to; a `ric` container is a process of its own with its own inspector.
  if (runtime === "worker") inspector.open(inspectPort, "127.0.0.1");
  return {
    debug: { inspectPort },
    bannerLines: () => bannerLines(runtime, inspectPort),
  };
}

function bannerLines(runtime: "ric" | "worker", port: number): string[] {
  const where =
    runtime === "ric"
      ? `each container's Node process (ric): the first on 127.0.0.1:${port}, a second one at the same time on ${port + 1}, ...`
      : `this process (worker runtime): each container is a worker thread target of 127.0.0.1:${port}`;
  return [
    `  Debugger           inspector on ${where}`,
    `                     VS Code: Run and Debug -> "${VSCODE_ATTACH_CONFIG}"; breakpoints in handler/src/*.ts`,
    `                     Chrome: chrome://inspect -> Configure -> 127.0.0.1:${port} -> inspect (or open devtools://devtools/bundled/js_app.html?experiments=true&v8only=true&ws=127.0.0.1:${port}/<id from http://127.0.0.1:${port}/json/list>)`,
    "                     One container is started now and after each reload, so attach first, then chat.",
    `                     Emulator-only deviation: the function timeout is suspended while debugging (SAM CLI does the same); CloudFront's origin read timeout is ${DEBUG_ORIGIN_READ_TIMEOUT_SECONDS} s. Port: --inspect-port or ${INSPECT_PORT_VARIABLE}.`,
  ];
}
