import { beforeAll, expect, it } from "vitest";
import { UpstreamUnavailableError } from "./errors.js";
import { ResponseWriter } from "./response-writer.js";
import { FakeResponseStream, installAwslambda } from "./test-support/awslambda-double.js";

beforeAll(() => {
  installAwslambda();
});

const writerOn = (stream: FakeResponseStream, intervalMs = 60_000, padBytes = 0) =>
  new ResponseWriter(stream as unknown as awslambda.HttpResponseStream, "req-1", { intervalMs, padBytes });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("never ends without a write: an empty response becomes 500 INTERNAL (platform-facts: streaming handler; aws/aws-lambda-nodejs-runtime-interface-client#95)", async () => {
  const stream = new FakeResponseStream();
  await writerOn(stream).end();
  expect(stream.response()).toEqual({
    statusCode: 500,
    headers: { "content-type": "application/json; charset=utf-8", "x-request-id": "req-1" },
    body: '{"error":{"code":"INTERNAL","message":"Internal error.","requestId":"req-1"}}',
  });
  expect(stream.writableFinished).toBe(true);
});

it("a keep-alive opens the SSE stream; a later failure is an error event", async () => {
  const stream = new FakeResponseStream();
  const writer = writerOn(stream, 20);
  writer.startKeepAlive();
  await expect.poll(() => stream.writes.length, { timeout: 2000 }).toBeGreaterThan(0);
  writer.fail(new UpstreamUnavailableError("gone"));
  await writer.end();
  const { statusCode, body } = stream.response();
  expect(statusCode).toBe(200);
  expect(body.startsWith(": keep-alive\n\n")).toBe(true);
  expect(
    body.endsWith('event: error\ndata: {"error":{"code":"UPSTREAM_UNAVAILABLE","message":"gone"}}\n\n'),
  ).toBe(true);
});

it("keeps bytes flowing past a runtime that holds small writes (aws/aws-lambda-nodejs-runtime-interface-client#94): small chunks do not postpone the padded keep-alive", async () => {
  const stream = new FakeResponseStream();
  const writer = writerOn(stream, 150, 4096);
  writer.startKeepAlive();
  // A model trickling small pieces faster than the interval: none of them proves anything left Lambda.
  for (let i = 0; i < 8; i++) {
    writer.chunk(`piece ${i}`);
    await sleep(40);
  }
  writer.done();
  await writer.end();
  const keepAlives = stream
    .response()
    .body.split("\n\n")
    .filter((event) => event.startsWith(": keep-alive"));
  expect(keepAlives.length).toBeGreaterThanOrEqual(1);
  // Each padded to the configured size, so a 4 KB threshold must pass it on.
  for (const k of keepAlives) expect(Buffer.byteLength(`${k}\n\n`)).toBe(4096);
});

it("a burst of at least padBytes restarts the keep-alive clock (those bytes cannot be held)", async () => {
  const stream = new FakeResponseStream();
  const writer = writerOn(stream, 150, 1024);
  writer.startKeepAlive();
  for (let i = 0; i < 8; i++) {
    writer.chunk("x".repeat(1100));
    await sleep(40);
  }
  writer.done();
  await writer.end();
  expect(stream.response().body).not.toContain(": keep-alive");
});

it("if the stream breaks anyway, writes are dropped quietly (a guard: Lambda does not report a gone viewer, aws/aws-lambda-nodejs-runtime-interface-client#145)", async () => {
  const stream = new FakeResponseStream();
  const writer = writerOn(stream);
  writer.chunk("a");
  stream.destroy(new Error("stream broke"));
  await expect.poll(() => writer.clientGone.aborted).toBe(true);
  expect(() => writer.chunk("b")).not.toThrow();
  await writer.end();
  expect(stream.raw().toString()).not.toContain('"b"');
  expect(writer.chunks).toBe(1);
});
