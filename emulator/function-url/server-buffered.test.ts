/**
 * A BUFFERED Function URL over real HTTP: the payload read as the response payload format 2.0
 * (response/payload-format.ts has each rule's source), answered whole with its length once the
 * invocation is over, the 6 MB payload limit, and function errors as 502.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BUFFERED_RESPONSE_BYTES } from "../aws/lambda-limits.js";
import {
  FIXTURES,
  fixtureHandlerConfig,
  type Running,
  sendSigned,
  startFunctionUrl,
} from "./test-support/harness.js";

const HANDLERS = `${FIXTURES}/buffered-url-handlers.mjs`;

describe("a BUFFERED Function URL", () => {
  let fu: Running;
  beforeAll(async () => {
    fu = await startFunctionUrl(
      fixtureHandlerConfig((c) => {
        c.functionUrl.invokeMode = "BUFFERED";
        c.functionUrl.sourceEntry = HANDLERS;
        c.functionUrl.handler = "buffered-url-handlers.handler";
        c.functionUrl.bundleEntry = HANDLERS;
        const { cors } = c.functionUrl;
        if (cors) c.functionUrl.cors = { ...cors, allowOrigins: ["https://app.example"] };
      }),
    );
  });
  afterAll(() => fu.server.close());

  it("answers a response object: status, headers, cookies as set-cookie, the URL's CORS, a length", async () => {
    const r = await sendSigned(fu, { path: "/response", headers: { origin: "https://app.example" } });
    expect(r.status).toBe(201);
    expect(r.body).toBe("made");
    expect(r.headers["content-type"]).toBe("text/plain");
    expect(r.headers["x-custom"]).toBe("yes");
    expect(r.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2"]);
    expect(r.headers["content-length"]).toBe("4");
    expect(r.headers["transfer-encoding"]).toBeUndefined();
    expect(r.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
    // The URL's CORS configuration wins over the function's own header.
    expect(r.headers["access-control-allow-origin"]).toBe("https://app.example");
  });

  it("decodes a base64 body, sends a string without quotes and an object as its JSON", async () => {
    const bytes = await sendSigned(fu, { path: "/base64" });
    expect(bytes.body).toBe(Buffer.from([0, 1, 2, 255]).toString("utf8"));
    expect(bytes.headers["content-length"]).toBe("4");
    expect((await sendSigned(fu, { path: "/string" })).body).toBe("just a string");
    const object = await sendSigned(fu, { path: "/object" });
    expect(object.body).toBe('{"hello":"world"}');
    expect(object.headers["content-type"]).toBe("application/json");
  });

  it("sends a payload of exactly 6 MiB + 100 bytes, and answers 502 one byte over it", async () => {
    const at = await sendSigned(fu, { path: "/at-limit" });
    expect(at.status).toBe(200);
    expect(at.body.length).toBe(MAX_BUFFERED_RESPONSE_BYTES - 2);
    const over = await sendSigned(fu, { path: "/over-limit" });
    expect(over.status).toBe(502);
    expect(over.body).toBe("Internal Server Error");
    expect(fu.logs.some((l) => l.includes("Function.ResponseSizeTooLarge"))).toBe(true);
  });

  it("answers 502 Internal Server Error to a throw and to a statusCode that is no status", async () => {
    for (const path of ["/throw", "/bad-status"]) {
      const r = await sendSigned(fu, { path });
      expect(r.status).toBe(502);
      expect(r.body).toBe("Internal Server Error");
    }
  });
});
