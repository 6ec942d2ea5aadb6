/**
 * Debug mode under `ric`: a warm container is started at once with its inspector on the given port,
 * and after a reload (a change under handler/src) the fresh container is on that same port again, so
 * an attached debugger (VS Code's `restart: true`, chrome://inspect's target list) finds it there.
 */
import net from "node:net";
import { afterEach, expect, it } from "vitest";
import { fixtureHandlerConfig, type Running, startFunctionUrl } from "../../test-support/harness.js";

let running: Running | undefined;
afterEach(async () => {
  await running?.server.close();
  running = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function listening(logs: string[], count: number): Promise<string[]> {
  const until = Date.now() + 20_000;
  for (;;) {
    const lines = logs.filter((l) => l.includes("Debugger listening on ws://"));
    if (lines.length >= count) return lines;
    if (Date.now() > until) throw new Error(`${lines.length} inspector(s) within 20 s:\n${logs.join("\n")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it("ric: the warm container listens on the inspector port, and its replacement after a reload on the same one", async () => {
  const port = await freePort();
  running = await startFunctionUrl(
    fixtureHandlerConfig((c) => (c.functionUrl.containerRuntime = "ric")),
    { debug: { inspectPort: port } },
  );
  // No request yet: debug mode started a container so a debugger can attach before the first chat.
  const [first] = await listening(running.logs, 1);
  expect(first).toContain(`ws://127.0.0.1:${port}/`);
  running.server.reload("test");
  const lines = await listening(running.logs, 2);
  expect(lines[1]).toContain(`ws://127.0.0.1:${port}/`);
  expect(running.logs.join("\n")).not.toMatch(/address already in use/);
}, 60_000);
