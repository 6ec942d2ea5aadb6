/**
 * Debug mode for the Function URL (`npm run start:debug`): a debugger can stop in `handler/src` under
 * either container runtime.
 *
 * - `ric`: each container's Node process gets `--inspect=127.0.0.1:<port>`; the first live container
 *   takes `inspectPort`, a second one at the same time the next port, and so on (a port is given back
 *   when its container ends, so after a reload the fresh container is on `inspectPort` again).
 * - `worker`: worker threads are targets of the emulator process's own inspector (Node's NodeWorker
 *   domain; VS Code and Chrome DevTools list them), so the CLI opens that inspector on `inspectPort`.
 *
 * In both, the function timeout and the Init phase's limit are suspended (SAM CLI does the same with
 * the function timeout while a debugger is attached):
 * Emulator-only deviation, printed in the banner. One container is started at once, and again after a
 * reload, so a debugger can attach before the chat that should stop at the breakpoint.
 *
 * @example
 * createFunctionUrlServer({ config, debug: { inspectPort: DEFAULT_INSPECT_PORT } });
 */

/** Not 9229 (Node's default, the local Cognito's port) nor any other port of the stack. */
export const DEFAULT_INSPECT_PORT = 9339;

/** The attach configuration in `.vscode/launch.json` that the banner names. */
export const VSCODE_ATTACH_CONFIG = "Attach to the handler (npm run start:debug)";

export interface DebugOptions {
  /** The first inspector port (loopback only); 0 lets the OS choose (tests read it from the log). */
  inspectPort: number;
}

const claimed = new Set<number>();
/** Ports of killed containers whose process has not exited yet. */
const closing = new Set<Promise<void>>();
const RELEASE_WAIT_MS = 2_000;

/**
 * The lowest port from `base` up that no live container of this process holds; 0 stays 0. A killed
 * container's process can hold its port a moment longer: that is awaited (briefly), so the container
 * that replaces it after a reload gets the same port back and an attached debugger (VS Code's
 * `restart: true`) finds it there.
 */
export async function claimInspectPort(base: number): Promise<number> {
  if (base === 0) return 0;
  if (closing.size > 0) {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, RELEASE_WAIT_MS);
    });
    await Promise.race([Promise.all(closing), bound]);
    clearTimeout(timer);
  }
  let port = base;
  while (claimed.has(port)) port++;
  claimed.add(port);
  return port;
}

/** The port is free again once `exited` resolves (the container's process is gone). */
export function releaseInspectPort(port: number, exited: Promise<void>): void {
  const done: Promise<void> = exited.then(() => {
    claimed.delete(port);
    closing.delete(done);
  });
  closing.add(done);
}

/** Node's inspector flag for a `ric` container; loopback only, never a wildcard address. */
export function inspectFlag(port: number): string {
  return `--inspect=127.0.0.1:${port}`;
}
