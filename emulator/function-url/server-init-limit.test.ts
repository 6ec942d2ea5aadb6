/**
 * The Init phase's limit (Lambda developer guide, lambda-runtime-environment, read 2026-12-07: "The
 * Init phase is limited to 10 seconds. If all three tasks do not complete within 10 seconds, Lambda
 * retries the Init phase at the time of the first function invocation with the configured function
 * timeout."), under both container runtimes, with the limit made small (0.4 s here).
 */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  FIXTURES,
  fixtureHandlerConfig,
  type Running,
  sendSigned,
  startFunctionUrl,
} from "./test-support/harness.js";

const started: Running[] = [];
afterAll(async () => {
  await Promise.all(started.map((r) => r.server.close()));
});

/** Resolves once a log line matches (the invocation's REPORT comes after its answer). */
async function logged(fu: Running, pattern: RegExp): Promise<boolean> {
  for (let waited = 0; waited < 5000; waited += 25) {
    if (fu.logs.some((l) => pattern.test(l))) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

async function start(
  runtime: "worker" | "ric",
  initSleepMs: number,
  timeoutSeconds: number,
  initLimitSeconds = 0.4,
) {
  const fu = await startFunctionUrl(
    fixtureHandlerConfig((c) => {
      c.functionUrl.sourceEntry = path.join(FIXTURES, "slow-init.mjs");
      c.functionUrl.containerRuntime = runtime;
      c.functionUrl.initTimeoutSeconds = initLimitSeconds;
      c.functionUrl.timeoutSeconds = timeoutSeconds;
    }),
    { environment: { INIT_SLEEP_MS: String(initSleepMs) } },
  );
  started.push(fu);
  return fu;
}

describe.each(["worker", "ric"] as const)("%s runtime", (runtime) => {
  it("an Init past the limit is retried in the first invocation, whose time it uses", async () => {
    const fu = await start(runtime, 800, 3);
    const r = await sendSigned(fu, { path: "/" });
    expect(r.status).toBe(200);
    // The retried Init (about 0.8 s) came out of the 3 s function timeout.
    expect(JSON.parse(r.body).remainingMs).toBeLessThan(3000 - 700);
    expect(
      fu.logs.some((l) =>
        /Init of container #1 ran past 0.4 s: Lambda retries it in this invocation/.test(l),
      ),
    ).toBe(true);
    expect(fu.server.stats().coldStarts).toBe(2);
    expect(await logged(fu, /^REPORT RequestId: .*Init Duration: [\d.]+ ms$/)).toBe(true);
    // The next request finds the retried environment warm.
    expect((await sendSigned(fu, { path: "/" })).status).toBe(200);
    expect(fu.server.stats().coldStarts).toBe(2);
  });

  it("a retried Init that outlasts the function timeout fails the invocation: 502, the timeout's line", async () => {
    const fu = await start(runtime, 1500, 1);
    const r = await sendSigned(fu, { path: "/" });
    expect(r.status).toBe(502);
    expect(
      fu.logs.some((l) => /init failed: Sandbox.Timedout: Task timed out after 1.00 seconds/.test(l)),
    ).toBe(true);
  });

  it("an Init within the limit is not retried", async () => {
    // A limit well above the process start: under ric a loaded 2-core machine can take longer than
    // 0.4 s to start Node alone, which would be an Init past the limit.
    const fu = await start(runtime, 0, 3, 5);
    expect((await sendSigned(fu, { path: "/" })).status).toBe(200);
    expect(fu.server.stats().coldStarts).toBe(1);
    expect(fu.logs.some((l) => l.includes("ran past"))).toBe(false);
  });
});
