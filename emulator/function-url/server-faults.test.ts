/**
 * A fault of the emulator itself (not an AWS answer, not the function's error): contained by the
 * service's `httpService`, answered in the Function URL's own plain form, logged with its stack.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixtureHandlerConfig, type Running, send, startFunctionUrl } from "./test-support/harness.js";

let fu: Running;
let clockBroken = false;
beforeAll(async () => {
  // The SigV4 check reads the clock: a clock that fails is a fault inside the Function URL.
  fu = await startFunctionUrl(fixtureHandlerConfig(), {
    clock: () => {
      if (clockBroken) throw new Error("clock stopped: secret detail");
      return Date.now();
    },
  });
});
afterAll(async () => {
  await fu.server.close();
});

it("answers 500 `emulator error` without the fault's text, logs its stack, and keeps serving", async () => {
  clockBroken = true;
  const r = await send(fu.port, {
    method: "POST",
    path: "/echo",
    headers: { host: fu.domain, "content-type": "application/json" },
    body: "{}",
  });
  clockBroken = false;
  expect(r.status).toBe(500);
  expect(r.headers["content-type"]).toBe("text/plain");
  expect(r.headers["x-amzn-errortype"]).toBeUndefined();
  expect(r.body).toBe("emulator error");
  expect(fu.logs.join("\n")).toMatch(/internal error: Error: clock stopped: secret detail\n\s+at /);
  const health = await send(fu.port, { method: "GET", path: "/__emulator/health", headers: {} });
  expect(health.status).toBe(200);
});
