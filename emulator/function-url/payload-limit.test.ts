/**
 * The 6 MB request limit is measured on the invocation payload, the event JSON with headers and a base64
 * body, not on the raw body (docs/platform-facts.md#function-url-request-limit; 6291456 bytes is the Invoke
 * API's recorded limit). Real HTTP to the emulated Function URL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_INVOCATION_PAYLOAD_BYTES } from "./aws-errors.js";
import {
  fixtureHandlerConfig,
  type Running,
  send,
  sendSigned,
  startFunctionUrl,
} from "./test-support/harness.js";

let fu: Running;
beforeAll(async () => {
  fu = await startFunctionUrl(fixtureHandlerConfig());
});
afterAll(async () => {
  await fu.server.close();
});

// 4.7 MiB: under the limit as raw bytes, over it once base64-encoded into the event (x 4/3 = 6.27 MiB).
const RAW_BYTES = Math.floor(4.7 * 1024 * 1024);

describe("6 MB invocation payload limit (platform-facts: measured on the event JSON)", () => {
  it("answers 413 to a body over 6 MB (platform-facts: Function URL request limit)", async () => {
    const big = "x".repeat(6 * 1024 * 1024 + 1);
    const r = await send(fu.port, {
      method: "POST",
      path: "/echo",
      headers: { host: fu.domain, "content-type": "text/plain" },
      body: big,
    });
    expect(r.status).toBe(413);
    expect(r.headers["x-amzn-errortype"]).toBe("RequestEntityTooLargeException");
  });

  it("refuses a binary body under 6 MB whose base64 event is over it: 413 RequestEntityTooLargeException", async () => {
    expect(RAW_BYTES).toBeLessThan(MAX_INVOCATION_PAYLOAD_BYTES);
    const r = await sendSigned(fu, {
      path: "/plain",
      body: "A".repeat(RAW_BYTES),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(r.status).toBe(413);
    expect(r.headers["x-amzn-errortype"]).toBe("RequestEntityTooLargeException");
    expect(JSON.parse(r.body)).toEqual({
      Message: "Request must be smaller than 6291456 bytes for the InvokeFunction operation",
    });
    expect(fu.logs.some((l) => /invocation payload of \d+ bytes is over the 6 MB limit/.test(l))).toBe(true);
    // Refused before any container is taken: nothing was invoked.
    expect(fu.logs.some((l) => l.startsWith("START RequestId"))).toBe(false);
  });

  it("invokes with the same body as text: the event carries it as it is and stays under the limit", async () => {
    const r = await sendSigned(fu, {
      path: "/plain",
      body: "A".repeat(RAW_BYTES),
      headers: { "content-type": "text/plain" },
    });
    expect(r.status).toBe(200);
    expect(r.body).toBe("plain text");
  });
});
