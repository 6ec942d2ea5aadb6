import { beforeAll, expect, it } from "vitest";
import { UpstreamUnavailableError } from "./errors.js";
import { ResponseWriter } from "./response-writer.js";
import { FakeResponseStream, installAwslambda } from "./test-support/awslambda-double.js";

beforeAll(() => {
  installAwslambda();
});

const writerOn = (stream: FakeResponseStream, keepAliveMs = 60_000) =>
  new ResponseWriter(stream as unknown as awslambda.HttpResponseStream, "req-1", keepAliveMs);

it("never ends without a write: an empty response becomes 500 INTERNAL (aws-facts.md, RIC issue #95)", async () => {
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

it("signals clientGone when the stream closes early and then drops writes quietly", async () => {
  const stream = new FakeResponseStream();
  const writer = writerOn(stream);
  writer.chunk("a");
  stream.destroy(new Error("client went away"));
  await expect.poll(() => writer.clientGone.aborted).toBe(true);
  expect(() => writer.chunk("b")).not.toThrow();
  await writer.end();
  expect(stream.raw().toString()).not.toContain('"b"');
  expect(writer.chunks).toBe(1);
});
