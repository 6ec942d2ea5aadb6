import { describe, expect, it } from "vitest";
import { buildFunctionUrlEvent, formatRequestTime, isTextContentType } from "./event-builder.js";

const base = {
  method: "GET",
  url: "/p",
  headers: {},
  body: new Uint8Array(),
  sourceIp: "203.0.113.9",
  requestId: "11111111-2222-3333-4444-555555555555",
  now: Date.UTC(2020, 2, 12, 19, 3, 58),
  accountId: "123456789012",
  urlId: "abc",
  domainName: "abc.lambda-url.us-east-1.on.aws",
};

describe("payload format 2.0 event (urls-invocation.html; aws-lambda-go lambdaurl testdata)", () => {
  it("formats requestContext.time like 12/Mar/2020:19:03:58 +0000", () => {
    expect(formatRequestTime(base.now)).toBe("12/Mar/2020:19:03:58 +0000");
  });

  it("lowercases header names and joins repeated headers with commas, values untouched", () => {
    const e = buildFunctionUrlEvent({ ...base, headers: { "X-Multi": ["a", "B b"], Accept: ["*/*"] } });
    expect(e.headers["x-multi"]).toBe("a,B b");
    expect(e.headers.accept).toBe("*/*");
  });

  it("joins repeated query keys with commas and keeps rawQueryString without '?'", () => {
    const e = buildFunctionUrlEvent({ ...base, url: "/p?k=1&k=2&x=%20y" });
    expect(e.rawQueryString).toBe("k=1&k=2&x=%20y");
    expect(e.queryStringParameters).toEqual({ k: "1,2", x: " y" });
  });

  it("Assumption: decodes queryStringParameters as a form ('+' is a space), unlike SigV4; rawQueryString untouched", () => {
    const e = buildFunctionUrlEvent({ ...base, url: "/p?q=a+b&r=%ZZ" });
    expect(e.rawQueryString).toBe("q=a+b&r=%ZZ");
    expect(e.queryStringParameters).toEqual({ q: "a b", r: "%ZZ" });
  });

  it("keeps authorization for AuthType NONE (no caller) and the anonymous account", () => {
    const e = buildFunctionUrlEvent({ ...base, headers: { authorization: ["Bearer t"] } });
    expect(e.headers.authorization).toBe("Bearer t");
    expect(e.requestContext.accountId).toBe("anonymous");
    expect(e.requestContext.authorizer).toBeUndefined();
  });

  it("sends text for text/*, JSON, XML, JavaScript and +json/+xml; base64 for the rest, even with no type", () => {
    for (const t of [
      "text/plain",
      "application/json; charset=utf-8",
      "application/xml",
      "application/javascript",
      "application/ld+json",
      "image/svg+xml",
    ]) {
      expect(isTextContentType(t)).toBe(true);
    }
    for (const t of [
      undefined,
      "application/octet-stream",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
    ]) {
      expect(isTextContentType(t)).toBe(false);
    }
    const e = buildFunctionUrlEvent({ ...base, method: "POST", body: Buffer.from([0, 1, 2]) });
    expect(e).toMatchObject({ body: "AAEC", isBase64Encoded: true });
  });

  it("appends the connecting address to an incoming x-forwarded-for", () => {
    const e = buildFunctionUrlEvent({ ...base, headers: { "x-forwarded-for": ["198.51.100.1"] } });
    expect(e.headers["x-forwarded-for"]).toBe("198.51.100.1, 203.0.113.9");
  });
});
