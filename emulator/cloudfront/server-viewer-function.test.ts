import { describe, expect, it } from "vitest";
import { defaultConfig } from "../config/defaults.js";
import { cloudFrontOptionsFrom, createCloudFrontServer } from "./server.js";
import {
  base,
  chatbotPost,
  freshToken,
  installCloudFrontHarness,
  origin,
  startCloudFront,
  withFunction,
} from "./test-support/cloudfront-harness.js";
import { viewerRequest } from "./test-support/viewer-client.js";

installCloudFrontHarness();

describe("viewer-request CloudFront Function in the request path (functions-event-structure)", () => {
  it("a returned response short-circuits: the viewer gets it and the origin is never called", async () => {
    const url = await startCloudFront(
      withFunction(`function handler(event) {
        return { statusCode: 401, statusDescription: "Unauthorized",
          headers: { "content-type": { value: "text/plain" } },
          cookies: { seen: { value: "1", attributes: "Path=/" } }, body: "no entry" };
      }`),
    );
    const response = await viewerRequest(url, chatbotPost(freshToken()));
    expect(response.status).toBe(401);
    expect(response.body).toBe("no entry");
    expect(response.headers["set-cookie"]).toEqual(["seen=1; Path=/"]);
    expect(response.headers["x-cache"]).toBe("FunctionGeneratedResponse from cloudfront");
    expect(origin.requests).toHaveLength(0);
  });

  it("the event has the documented shape, with requestId = X-Amz-Cf-Id", async () => {
    const url = await startCloudFront(
      withFunction(`function handler(event) { return { statusCode: 200, body: JSON.stringify(event) }; }`),
    );
    const response = await viewerRequest(url, {
      path: "/chatbot?a=1&a=2",
      headers: { "X-Custom": "v", cookie: "k=v" },
    });
    const event = JSON.parse(response.body);
    expect(event).toMatchObject({
      version: "1.0",
      context: {
        distributionDomainName: base.cloudfront.domainName,
        distributionId: base.cloudfront.distributionId,
        eventType: "viewer-request",
        requestId: response.headers["x-amz-cf-id"],
      },
      viewer: { ip: "127.0.0.1" },
      request: {
        method: "GET",
        uri: "/chatbot",
        querystring: { a: { value: "1", multiValue: [{ value: "1" }, { value: "2" }] } },
        cookies: { k: { value: "v" } },
      },
    });
    expect(event.request.headers["x-custom"]).toEqual({ value: "v" });
    expect(event.request.headers.cookie).toBeUndefined();
  });

  it("a changed request goes on: new uri, headers and query reach the origin", async () => {
    const url = await startCloudFront(
      withFunction(`function handler(event) { var r = event.request; r.uri = "/rewritten";
        r.headers["x-added"] = { value: "1" }; r.querystring = { q: { value: "z" } }; return r; }`),
    );
    await viewerRequest(url, { path: "/chatbot?old=1" });
    expect(origin.requests[0]?.url).toBe("/rewritten?q=z");
    expect(origin.requests[0]?.headers["x-added"]).toBe("1");
    expect(origin.requests[0]?.signature).toBe("valid");
  });

  it("a function that throws gets CloudFront's 503 page (cdklabs/construct-hub#402) and the origin is not called", async () => {
    const url = await startCloudFront(withFunction(`function handler() { throw new Error("bad"); }`));
    const response = await viewerRequest(url);
    expect(response.status).toBe(503);
    // Recorded from a real distribution (hugoleborso/borso.fr post-mortem, 2026-05-02).
    expect(response.headers["x-cache"]).toBe("FunctionExecutionError from cloudfront");
    expect(response.body).toContain(
      "The CloudFront function associated with the CloudFront distribution is invalid or could not run.",
    );
    expect(origin.requests).toHaveLength(0);
  });

  it("a function requiring a module the runtime lacks does not start: it would not run at the edge", () => {
    const change = withFunction(`function handler(e) { require("http"); return e.request; }`);
    const config = defaultConfig();
    change(config);
    expect(() => createCloudFrontServer(cloudFrontOptionsFrom(config))).toThrow(
      /fn-[0-9a-f]+\.js requires "http"/,
    );
  });

  it("a function that loops forever is stopped: 503, X-Cache FunctionThrottledError (Assumption: log result type)", async () => {
    const url = await startCloudFront(withFunction(`function handler(e) { for (;;) {} }`), {
      functionTimeoutMs: 30,
    });
    const response = await viewerRequest(url);
    expect(response.status).toBe(503);
    expect(response.headers["x-cache"]).toBe("FunctionThrottledError from cloudfront");
    expect(origin.requests).toHaveLength(0);
  });

  it("a function that changes a read-only header gets 502 (edge-functions-restrictions) and the origin is not called", async () => {
    const url = await startCloudFront(
      withFunction(
        `function handler(e) { e.request.headers.host = { value: "other.example" }; return e.request; }`,
      ),
    );
    const response = await viewerRequest(url);
    expect(response.status).toBe(502);
    expect(response.headers["x-cache"]).toBe("Error from cloudfront");
    expect(response.body).toContain("<H1>502 ERROR</H1>");
    expect(origin.requests).toHaveLength(0);
  });

  it("the function never sees disallowed headers, and they do not reach the origin", async () => {
    const url = await startCloudFront(
      withFunction(`function handler(e) { e.request.headers["x-seen"] = { value: Object.keys(e.request.headers).join(" ") };
        return e.request; }`),
    );
    await viewerRequest(url, {
      headers: { "x-accel-redirect": "/internal", "x-amzn-requestid": "forged", "x-ok": "1" },
    });
    const seen = String(origin.requests[0]?.headers["x-seen"]);
    expect(seen).toContain("x-ok");
    expect(seen).not.toMatch(/x-accel|x-amzn/);
    expect(origin.requests[0]?.headers["x-accel-redirect"]).toBeUndefined();
    expect(origin.requests[0]?.headers["x-amzn-requestid"]).toBeUndefined();
  });

  it("a syntax error fails start with the file name", () => {
    const change = withFunction(`function handler(e) { return e.request`);
    const config = defaultConfig();
    change(config);
    expect(() => createCloudFrontServer(cloudFrontOptionsFrom(config))).toThrow(
      /fn-[0-9a-f]+\.js does not compile/,
    );
  });
});
