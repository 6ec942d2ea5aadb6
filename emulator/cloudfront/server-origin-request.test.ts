import { describe, expect, it } from "vitest";
import { functionUrlDomain } from "../config/defaults.js";
import {
  base,
  installCloudFrontHarness,
  origin,
  startCloudFront,
} from "./test-support/cloudfront-harness.js";
import { viewerRequest } from "./test-support/viewer-client.js";

installCloudFrontHarness();

describe("origin request headers (RequestAndResponseBehaviorCustomOrigin, Managed-AllViewerExceptHostHeader)", () => {
  it("Host becomes the origin's domain; X-Amz-Cf-Id is added and matches the viewer's response", async () => {
    const url = await startCloudFront();
    const response = await viewerRequest(url, { headers: { host: "viewer.example.com" } });
    const received = origin.requests[0];
    expect(received?.headers.host).toBe(functionUrlDomain(base));
    expect(received?.headers["x-amz-cf-id"]).toBe(response.headers["x-amz-cf-id"]);
    expect(received?.headers["x-amz-cf-id"]).toMatch(/^[A-Za-z0-9_-]{54}==$/);
  });

  it("appends the viewer's IP to X-Forwarded-For", async () => {
    const url = await startCloudFront();
    await viewerRequest(url, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(origin.requests[0]?.headers["x-forwarded-for"]).toBe("203.0.113.9, 127.0.0.1");
  });

  it("forwards the viewer's User-Agent; sends Amazon CloudFront only when the viewer sent none", async () => {
    const url = await startCloudFront();
    await viewerRequest(url, { headers: { "user-agent": "curl/8.5.0" } });
    await viewerRequest(url);
    expect(origin.requests.map((r) => r.headers["user-agent"])).toEqual(["curl/8.5.0", "Amazon CloudFront"]);
  });

  it("drops X-Real-IP, X-Forwarded-Proto, TE, Trailer, Proxy-* and Connection-listed headers", async () => {
    const url = await startCloudFront();
    await viewerRequest(url, {
      method: "POST",
      body: "chunked body",
      headers: {
        "transfer-encoding": "chunked", // Node only sends a Trailer header with a chunked body
        "x-real-ip": "10.0.0.1",
        "x-forwarded-proto": "https",
        te: "trailers",
        trailer: "x-checksum",
        "proxy-authorization": "Basic abc",
        "proxy-foo": "1",
        connection: "close, x-hop",
        "x-hop": "1",
        "x-kept": "yes",
      },
    });
    const headers = origin.requests[0]?.headers ?? {};
    for (const name of [
      "x-real-ip",
      "x-forwarded-proto",
      "te",
      "trailer",
      "proxy-authorization",
      "proxy-foo",
      "x-hop",
    ]) {
      expect(headers[name], name).toBeUndefined();
    }
    expect(headers["x-kept"]).toBe("yes");
    expect(origin.requests[0]?.body.toString()).toBe("chunked body");
  });

  it("forwards query strings and cookies (CachingDisabled + AllViewerExceptHostHeader)", async () => {
    const url = await startCloudFront();
    await viewerRequest(url, {
      path: "/chatbot?lang=en&x=1",
      headers: { cookie: "session=abc; theme=dark" },
    });
    expect(origin.requests[0]?.url).toBe("/chatbot?lang=en&x=1");
    expect(origin.requests[0]?.headers.cookie).toBe("session=abc; theme=dark");
  });
});
