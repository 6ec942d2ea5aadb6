/**
 * The delivery model (response-delivery.ts): `immediate` passes every write on; `lambda` holds small writes
 * (Assumption from aws/aws-lambda-nodejs-runtime-interface-client#94 and
 * aws/aws-lambda-nodejs-runtime-interface-client#102) and never tells the function that the client left
 * (aws/aws-lambda-nodejs-runtime-interface-client#145).
 */
import http from "node:http";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DeliveryConfig } from "../../config/types.js";
import { createFunctionUrlServer } from "../server.js";
import {
  FIXTURES,
  fixtureHandlerConfig,
  type Running,
  sendSigned,
  signHeaders,
  startFunctionUrl,
} from "../test-support/harness.js";
import { checkDeliveryConfig, createResponseDelivery } from "./response-delivery.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder(config: DeliveryConfig) {
  const out: string[] = [];
  const delivery = createResponseDelivery(config, (chunk) => out.push(chunk.toString()));
  return { out, push: (text: string) => delivery.push(Buffer.from(text)), delivery };
}

describe("createResponseDelivery", () => {
  it("immediate: every write goes out as it comes, headers first", () => {
    const r = recorder({ mode: "immediate", thresholdBytes: 10 });
    r.push("a");
    r.push("b");
    expect(r.out).toEqual(["a", "b"]);
    expect(r.delivery.headersAtOnce).toBe(true);
  });

  it("lambda: holds writes until the threshold (aws/aws-lambda-nodejs-runtime-interface-client#94), then sends them as one; the end flushes the rest", () => {
    const r = recorder({ mode: "lambda", thresholdBytes: 10 });
    r.push("abc");
    r.push("defg");
    expect(r.out).toEqual([]);
    r.push("hij");
    expect(r.out).toEqual(["abcdefghij"]);
    r.push("k");
    r.delivery.flush();
    expect(r.out).toEqual(["abcdefghij", "k"]);
    expect(r.delivery.headersAtOnce).toBe(false);
  });

  it("lambda without maxHoldMs holds a small write however long the pause (the harsher reading)", async () => {
    const r = recorder({ mode: "lambda", thresholdBytes: 10 });
    r.push("Thinking...".slice(0, 9));
    await sleep(150);
    expect(r.out).toEqual([]);
  });

  it("lambda with maxHoldMs also sends what it held after that long (opennextjs/opennextjs-aws#175)", async () => {
    const r = recorder({ mode: "lambda", thresholdBytes: 1000, maxHoldMs: 30 });
    r.push("tiny");
    await expect.poll(() => r.out, { timeout: 2000 }).toEqual(["tiny"]);
  });
});

describe("checkDeliveryConfig", () => {
  it.each([
    [
      { mode: "eventually", thresholdBytes: 1 },
      'functionUrl.delivery.mode must be "immediate" or "lambda", got "eventually"',
    ],
    [
      { mode: "lambda", thresholdBytes: 0 },
      "functionUrl.delivery.thresholdBytes must be a whole number of at least 1, got 0",
    ],
    [
      { mode: "lambda", thresholdBytes: 10, maxHoldMs: -5 },
      "functionUrl.delivery.maxHoldMs must be a whole number of at least 0, got -5",
    ],
  ])("refuses %j at start, naming the field", (config, message) => {
    expect(() => checkDeliveryConfig(config as DeliveryConfig)).toThrow(message);
    expect(() =>
      createFunctionUrlServer({
        config: fixtureHandlerConfig((c) => (c.functionUrl.delivery = config as DeliveryConfig)),
      }),
    ).toThrow(message);
  });
});

describe("delivery through the Function URL", () => {
  const started: Running[] = [];
  afterAll(async () => {
    await Promise.all(started.map((r) => r.server.close()));
  });
  async function start(delivery: DeliveryConfig): Promise<Running> {
    const fu = await startFunctionUrl(
      fixtureHandlerConfig((c) => {
        c.functionUrl.sourceEntry = path.join(FIXTURES, "delivery-handlers.mjs");
        c.functionUrl.delivery = delivery;
        c.functionUrl.timeoutSeconds = 10;
      }),
    );
    started.push(fu);
    return fu;
  }

  it("immediate: three small writes 300 ms apart arrive as three pieces, headers before the body", async () => {
    const fu = await start({ mode: "immediate", thresholdBytes: 16_384 });
    const r = await sendSigned(fu, { path: "/writes?sizes=20,20,20&delay=300" });
    expect(r.body).toBe(`${"0".repeat(20)}${"1".repeat(20)}${"2".repeat(20)}`);
    expect(r.chunks.length).toBe(3);
    expect(r.headersAt).toBeLessThan(r.chunks.at(-1)?.at ?? 0);
  });

  it("lambda: the same writes arrive as one piece at the end, and the headers with it (Assumption: aws/aws-lambda-nodejs-runtime-interface-client#94)", async () => {
    const fu = await start({ mode: "lambda", thresholdBytes: 16_384 });
    const r = await sendSigned(fu, { path: "/writes?sizes=20,20,20&delay=300" });
    expect(r.status).toBe(200);
    expect(r.body).toBe(`${"0".repeat(20)}${"1".repeat(20)}${"2".repeat(20)}`);
    expect(r.chunks.length).toBe(1);
    expect(r.headersAt).toBeGreaterThanOrEqual(550);
    expect(r.chunks[0]?.at).toBeGreaterThanOrEqual(550);
  });

  it("lambda: a write that brings the held bytes to the threshold goes out at once with them", async () => {
    const fu = await start({ mode: "lambda", thresholdBytes: 16_384 });
    const r = await sendSigned(fu, { path: "/writes?sizes=20,20000,20&delay=800" });
    const first = r.chunks[0];
    expect(first?.at).toBeLessThan(1500);
    // Everything up to and including the big write arrived before the last write was made.
    const early = r.chunks
      .filter((c) => c.at < 1500)
      .map((c) => c.text)
      .join("");
    expect(early).toBe(`${"0".repeat(20)}${"1".repeat(20_000)}`);
    expect(r.chunks.at(-1)?.at).toBeGreaterThanOrEqual(1550);
    expect(r.body.endsWith("2".repeat(20))).toBe(true);
  });

  it("lambda with maxHoldMs: a small write goes out after the hold, before the next write", async () => {
    const fu = await start({ mode: "lambda", thresholdBytes: 16_384, maxHoldMs: 100 });
    const r = await sendSigned(fu, { path: "/writes?sizes=20,20&delay=1500" });
    expect(r.chunks[0]?.text).toBe("0".repeat(20));
    expect(r.chunks[0]?.at).toBeLessThan(1400);
  });

  it.each(["immediate", "lambda"] as const)(
    "%s: a client that leaves is never reported to the function (aws/aws-lambda-nodejs-runtime-interface-client#145): it writes on to its end, no error, no close",
    async (mode) => {
      const fu = await start({ mode, thresholdBytes: 16_384 });
      const signed = await signHeaders(
        { method: "GET", host: fu.domain, path: "/outlive-viewer?count=30&delay=20", headers: {} },
        { credential: fu.config.credentials.cloudfront },
      );
      const request = http.request({
        host: "127.0.0.1",
        port: fu.port,
        path: "/outlive-viewer?count=30&delay=20",
        headers: signed,
        agent: false,
      });
      request.on("error", () => {});
      request.end();
      // Gone once the invocation started (a client gone before that is never invoked), while the
      // function is still writing (30 writes x 20 ms).
      await expect
        .poll(() => fu.logs.some((l) => l.startsWith("START RequestId")), { timeout: 10_000 })
        .toBe(true);
      await sleep(100);
      request.destroy();
      await expect
        .poll(() => fu.logs.find((l) => l.includes("outlive-viewer:")), { timeout: 10_000 })
        .toContain("outlive-viewer: wrote 30; stream events before the end: none");
      await expect
        .poll(() => fu.logs.some((l) => l.startsWith("END RequestId")), { timeout: 5000 })
        .toBe(true);
    },
  );
});
