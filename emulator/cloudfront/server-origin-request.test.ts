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

describe("origin request headers (RequestAndResponseBehaviorCustomOrigin, AllViewerExceptHostHeader)", () => {
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

describe("CloudFront's own headers on the origin request (aws-facts: Where the first emulator diverged; adding-cloudfront-headers)", () => {
  it("adds Via and the CloudFront-* viewer headers with the viewer's address, protocol and device", async () => {
    const url = await startCloudFront();
    const response = await viewerRequest(url, { headers: { "user-agent": "curl/8.5.0" } });
    const headers = origin.requests[0]?.headers ?? {};
    expect(headers.via).toBe(response.headers.via);
    expect(headers.via).toMatch(/^1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/);
    expect(headers["cloudfront-viewer-address"]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(headers["cloudfront-forwarded-proto"]).toBe("http");
    expect(headers["cloudfront-viewer-http-version"]).toBe("1.1");
    expect(headers["cloudfront-viewer-country"]).toBe("US");
    expect([
      headers["cloudfront-is-desktop-viewer"],
      headers["cloudfront-is-mobile-viewer"],
      headers["cloudfront-is-tablet-viewer"],
      headers["cloudfront-is-smarttv-viewer"],
      headers["cloudfront-is-android-viewer"],
      headers["cloudfront-is-ios-viewer"],
    ]).toEqual(["true", "false", "false", "false", "false", "false"]);
  });

  it("classes a phone as mobile, and overwrites CloudFront-* values a viewer sent itself", async () => {
    const url = await startCloudFront();
    await viewerRequest(url, {
      headers: {
        "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148",
        "cloudfront-is-desktop-viewer": "true",
        "cloudfront-viewer-address": "203.0.113.1:1",
        via: "1.1 corporate-proxy",
      },
    });
    const headers = origin.requests[0]?.headers ?? {};
    expect(headers["cloudfront-is-mobile-viewer"]).toBe("true");
    expect(headers["cloudfront-is-ios-viewer"]).toBe("true");
    expect(headers["cloudfront-is-desktop-viewer"]).toBe("false");
    expect(headers["cloudfront-viewer-address"]).toMatch(/^127\.0\.0\.1:/);
    expect(headers.via).toMatch(/^1\.1 corporate-proxy, 1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/);
  });

  it("cloudFrontHeaders: false leaves them out (the guide's 2023 policy text lists only viewer headers)", async () => {
    const url = await startCloudFront(() => {}, { cloudFrontHeaders: false });
    await viewerRequest(url);
    await viewerRequest(url, { headers: { "cloudfront-viewer-country": "FR" } });
    const [plain, spoofed] = origin.requests.map((r) => r.headers);
    expect(Object.keys(plain ?? {}).filter((name) => name.startsWith("cloudfront-"))).toEqual([]);
    expect(plain?.via).toMatch(/\.cloudfront\.net \(CloudFront\)$/);
    // Then a viewer's own CloudFront-* header is just another viewer header, passed on as sent.
    expect(spoofed?.["cloudfront-viewer-country"]).toBe("FR");
  });
});
