import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureHandlerConfig, type Running, sendSigned, startFunctionUrl } from "./test-support/harness.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Function URL containers (cold/warm, crash, timeout, concurrency)", () => {
  let fu: Running;
  beforeAll(async () => {
    fu = await startFunctionUrl(
      fixtureHandlerConfig((c) => {
        c.functionUrl.timeoutSeconds = 1;
        c.functionUrl.maxContainers = 3;
      }),
    );
  });
  afterAll(async () => {
    await fu.server.close();
  });

  it("cold-starts the first container, then reuses it warm with its module state", async () => {
    const a = JSON.parse((await sendSigned(fu, { path: "/counter" })).body);
    await sleep(100); // the container is free once the handler has returned
    const b = JSON.parse((await sendSigned(fu, { path: "/counter" })).body);
    expect(b.containerId).toBe(a.containerId);
    expect(b.invocations).toBe(a.invocations + 1);
    expect(fu.logs.filter((l) => l.startsWith("cold start:")).length).toBe(1);
    expect(fu.logs.some((l) => /^REPORT RequestId: .*Init Duration: [\d.]+ ms$/.test(l))).toBe(true);
  });

  it("replaces a crashed container with a fresh one", async () => {
    const single = await startFunctionUrl(
      fixtureHandlerConfig((c) => {
        c.functionUrl.maxContainers = 1;
      }),
    );
    try {
      const before = JSON.parse((await sendSigned(single, { path: "/counter" })).body);
      await sleep(100);
      const crashed = await sendSigned(single, { path: "/crash" });
      expect(crashed.status).toBe(502);
      expect(single.logs.some((l) => l.includes("crashed: Error: process-level crash"))).toBe(true);
      const after = JSON.parse((await sendSigned(single, { path: "/counter" })).body);
      expect(after.containerId).not.toBe(before.containerId);
      expect(after.invocations).toBe(1);
      expect(single.server.stats()).toMatchObject({ coldStarts: 2, died: 1 });
    } finally {
      await single.server.close();
    }
  });

  it("ends an invocation at the timeout, logs 'Task timed out after N seconds', and drops the container", async () => {
    const single = await startFunctionUrl(
      fixtureHandlerConfig((c) => {
        c.functionUrl.timeoutSeconds = 1;
        c.functionUrl.maxContainers = 1;
      }),
    );
    try {
      const before = JSON.parse((await sendSigned(single, { path: "/counter" })).body);
      await sleep(100); // the invocation is over once the handler has returned, not when the response ends
      const started = Date.now();
      const r = await sendSigned(single, { path: "/slow" });
      expect(r.status).toBe(502);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(single.logs.some((l) => l.endsWith("Task timed out after 1.00 seconds"))).toBe(true);
      const next = JSON.parse((await sendSigned(single, { path: "/counter" })).body);
      expect(next.containerId).not.toBe(before.containerId);
      expect(next.invocations).toBe(1);
    } finally {
      await single.server.close();
    }
  });

  it("gives concurrent requests separate containers, up to maxContainers, then 429", async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => sendSigned(fu, { path: "/hold?ms=600" })));
    const ok = results.filter((r) => r.status === 200).map((r) => JSON.parse(r.body).containerId);
    expect(ok.length).toBe(3);
    expect(new Set(ok).size).toBe(3);
    const throttled = results.filter((r) => r.status === 429);
    expect(throttled.length).toBe(1);
    expect(throttled[0]?.headers["x-amzn-errortype"]).toBe("TooManyRequestsException");
    expect(fu.server.stats().liveContainers).toBeLessThanOrEqual(3);
  });

  it("reload: the next request gets a fresh container, and the log says so; the old one did not die", async () => {
    const before = JSON.parse((await sendSigned(fu, { path: "/counter" })).body);
    const diedBefore = fu.server.stats().died;
    fu.server.reload("handler source changed");
    expect(fu.logs.some((l) => l.startsWith("reload: handler source changed"))).toBe(true);
    const after = JSON.parse((await sendSigned(fu, { path: "/counter" })).body);
    expect(after.containerId).not.toBe(before.containerId);
    expect(fu.server.stats().died).toBe(diedBefore);
  });
});
