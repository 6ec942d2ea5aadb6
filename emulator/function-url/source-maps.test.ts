/**
 * Stack traces from a container name the TypeScript source's lines, under both runtimes: the handler
 * is compiled with an inline source map (module-build.ts); both runtimes turn source maps on once the
 * handler's packages are loaded (the worker runtime in source-map-scope.ts, `ric` through its task
 * root's entry, task-root.ts), so the handler's map is parsed and its packages' are not.
 */
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { CONTAINER_RUNTIMES } from "./containers/execution-environment.js";
import {
  FIXTURES,
  fixtureHandlerConfig,
  type Running,
  sendSigned,
  startFunctionUrl,
} from "./test-support/harness.js";

let running: Running | undefined;
afterEach(async () => {
  await running?.server.close();
  running = undefined;
});

async function waitFor(logs: string[], test: (line: string) => boolean, ms = 15_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const found = logs.find(test);
    if (found) return found;
    if (Date.now() > until) throw new Error(`no such log line within ${ms} ms:\n${logs.join("\n")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it.each(CONTAINER_RUNTIMES)(
  "%s: a handler that throws logs a stack whose frame names the .ts source line of the throw",
  async (runtime) => {
    running = await startFunctionUrl(fixtureHandlerConfig((c) => (c.functionUrl.containerRuntime = runtime)));
    const res = await sendSigned(running, { path: "/throw-before-write" });
    expect(res.status).toBe(502);
    // RIC and the worker runtime log the invoke error with its stack: `Invoke Error {..."trace":[...]}`
    // in Lambda's Text log format, `{"level":"ERROR",...,"stackTrace":[...]}` in JSON (the module's).
    const line = await waitFor(
      running.logs,
      (l) => l.includes("failed before writing") && l.includes("streaming-handlers"),
    );
    // `throw new Error("failed before writing")` is line 100 of test-support/fixtures/streaming-handlers.ts.
    expect(line).toMatch(/test-support\/fixtures\/streaming-handlers\.ts:100:\d+/);
    expect(line).not.toMatch(/function-url\/streaming-handlers-[0-9a-f]{16}\.mjs/);
  },
  30_000,
);

it.each(CONTAINER_RUNTIMES)(
  "%s: the container parses the compiled handler's source map, not those of the packages it imports",
  async (runtime) => {
    running = await startFunctionUrl(
      fixtureHandlerConfig((c) => {
        c.functionUrl.containerRuntime = runtime;
        c.functionUrl.sourceEntry = path.join(FIXTURES, "source-map-scope.ts");
        c.functionUrl.timeoutSeconds = 10;
      }),
    );
    const res = await sendSigned(running, { path: "/" });
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ packageLoaded: true, handlerMapped: true, packageMapped: false });
  },
  30_000,
);
