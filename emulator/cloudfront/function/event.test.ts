import { describe, expect, it } from "vitest";
import { buildViewerRequestEvent, parseQuerystring, requestFromEvent } from "./event.js";

const context = {
  distributionDomainName: "d111111abcdef8.cloudfront.net",
  distributionId: "EDFDVBD6EXAMPLE",
  requestId: "req-1",
  viewerIp: "198.51.100.7",
};

describe("cloudfront-js-2.0 viewer-request event (functions-event-structure)", () => {
  it("has version 1.0, the context fields, viewer.ip and the request", () => {
    const event = buildViewerRequestEvent(
      { method: "POST", path: "/chatbot", rawQuery: "", rawHeaders: ["Host", "example.com"] },
      context,
    );
    expect(event).toEqual({
      version: "1.0",
      context: {
        distributionDomainName: "d111111abcdef8.cloudfront.net",
        distributionId: "EDFDVBD6EXAMPLE",
        eventType: "viewer-request",
        requestId: "req-1",
      },
      viewer: { ip: "198.51.100.7" },
      request: {
        method: "POST",
        uri: "/chatbot",
        querystring: {},
        headers: { host: { value: "example.com" } },
        cookies: {},
      },
    });
  });

  it("lower-cases header names and adds multiValue only for repeated headers", () => {
    const event = buildViewerRequestEvent(
      {
        method: "GET",
        path: "/",
        rawQuery: "",
        rawHeaders: ["Authorization", "Bearer x", "X-Multi", "a", "x-multi", "b"],
      },
      context,
    );
    expect(event.request.headers).toEqual({
      authorization: { value: "Bearer x" },
      "x-multi": { value: "a", multiValue: [{ value: "a" }, { value: "b" }] },
    });
  });

  it("puts Cookie headers only under cookies, one entry per cookie", () => {
    const event = buildViewerRequestEvent(
      { method: "GET", path: "/", rawQuery: "", rawHeaders: ["Cookie", "a=1; b=2", "Cookie", "a=3"] },
      context,
    );
    expect(event.request.headers.cookie).toBeUndefined();
    expect(event.request.cookies).toEqual({
      a: { value: "1", multiValue: [{ value: "1" }, { value: "3" }] },
      b: { value: "2" },
    });
  });

  it("parses the query string with multiValue for repeated keys", () => {
    expect(parseQuerystring("x=1&y=two&x=3&flag")).toEqual({
      x: { value: "1", multiValue: [{ value: "1" }, { value: "3" }] },
      y: { value: "two" },
      flag: { value: "" },
    });
  });

  it("turns a returned request back into path, query, headers and one Cookie header", () => {
    const forwarded = requestFromEvent({
      method: "GET",
      uri: "/new",
      querystring: { q: { value: "1", multiValue: [{ value: "1" }, { value: "2" }] } },
      headers: { "x-a": { value: "1" } },
      cookies: { s: { value: "abc" }, t: { value: "d" } },
    });
    expect(forwarded).toEqual({
      path: "/new",
      rawQuery: "q=1&q=2",
      headers: [
        ["x-a", "1"],
        ["cookie", "s=abc; t=d"],
      ],
    });
  });

  it("hides disallowed headers from the event (edge-functions-restrictions: not exposed to edge functions)", () => {
    const event = buildViewerRequestEvent(
      {
        method: "GET",
        path: "/",
        rawQuery: "",
        rawHeaders: [
          "Connection",
          "keep-alive",
          "X-Amz-Cf-Id",
          "forged",
          "X-Real-IP",
          "1.2.3.4",
          "X-Ok",
          "1",
        ],
      },
      context,
    );
    expect(event.request.headers).toEqual({ "x-ok": { value: "1" } });
  });
});
