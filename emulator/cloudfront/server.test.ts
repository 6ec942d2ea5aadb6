import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig, functionUrlDomain } from "../config/defaults.js";
import type { StackConfig } from "../config/types.js";
import { type CloudFrontServerOptions, cloudFrontOptionsFrom, createCloudFrontServer } from "./server.js";
import { type RecordingOrigin, startRecordingOrigin } from "./test-support/recording-origin.js";
import { viewerRequest } from "./test-support/viewer-client.js";

const dir = mkdtempSync(path.join(tmpdir(), "cf-server-"));
const base = defaultConfig();
let origin: RecordingOrigin;
const running: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  origin = await startRecordingOrigin({ credentials: base.credentials.cloudfront, region: base.region });
});
afterAll(async () => {
  await origin.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  origin.requests.length = 0;
  origin.respond((_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("ok");
  });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** Starts CloudFront in front of the recording origin; `change` edits a copy of the default config. */
async function startCloudFront(
  change: (config: StackConfig) => void = () => {},
  options: Partial<CloudFrontServerOptions> = {},
): Promise<string> {
  const config = defaultConfig();
  change(config);
  const server = createCloudFrontServer({
    ...cloudFrontOptionsFrom(config),
    origin: { host: "127.0.0.1", port: origin.port },
    ...options,
  });
  running.push(server);
  const { url } = await server.listen(0, "127.0.0.1");
  return url;
}

function withFunction(code: string): (config: StackConfig) => void {
  const file = path.join(dir, `fn-${randomBytes(4).toString("hex")}.js`);
  writeFileSync(file, code);
  return (config) => {
    config.cloudfront.viewerRequestFunction = { name: "test-fn", file, runtime: "cloudfront-js-2.0" };
  };
}

const withoutFunction = (config: StackConfig) => {
  config.cloudfront.viewerRequestFunction = undefined;
};

function chatbotPost(token: string, body = JSON.stringify({ query: "why?" })) {
  return {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "x-amz-content-sha256": createHash("sha256").update(body).digest("hex"),
    },
    body,
  };
}

const freshToken = () => randomBytes(24).toString("base64url");
const allHeaderValues = (raw: string[]) => raw.filter((_, i) => i % 2 === 1);

describe("OAC signing behaviours, end to end (API_OriginAccessControlConfig)", () => {
  it("always: the origin receives a valid SigV4 signature over the viewer's body hash", async () => {
    const now = Date.UTC(2026, 10, 25, 13, 0, 0);
    const url = await startCloudFront(() => {}, { clock: () => now });
    const response = await viewerRequest(url, chatbotPost(freshToken()));
    expect(response.status).toBe(200);
    const [received] = origin.requests;
    expect(received?.signature).toBe("valid");
    expect(received?.signedHeaders).toEqual(["host", "x-amz-content-sha256", "x-amz-date"]);
    expect(received?.payloadHashMatches).toBe(true);
    expect(received?.headers["x-amz-date"]).toBe("20261125T130000Z");
    expect(received?.body.toString()).toBe(JSON.stringify({ query: "why?" }));
  });

  it("always, without the CloudFront Function: the viewer's Authorization never reaches the origin", async () => {
    const url = await startCloudFront(withoutFunction);
    const token = freshToken();
    await viewerRequest(url, chatbotPost(token));
    const [received] = origin.requests;
    expect(received?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(allHeaderValues(received?.rawHeaders ?? []).some((value) => value.includes(token))).toBe(false);
  });

  it("always, with forward-authorization.js: the token arrives in x-forwarded-authorization (design 1)", async () => {
    const url = await startCloudFront();
    const token = freshToken();
    await viewerRequest(url, chatbotPost(token));
    const [received] = origin.requests;
    expect(received?.signature).toBe("valid");
    expect(received?.headers["x-forwarded-authorization"]).toBe(`Bearer ${token}`);
  });

  it("no-override: a viewer Authorization is passed on unsigned", async () => {
    const url = await startCloudFront((c) => {
      if (c.cloudfront.oac) c.cloudfront.oac.signingBehavior = "no-override";
    });
    const token = freshToken();
    await viewerRequest(url, chatbotPost(token));
    const [received] = origin.requests;
    expect(received?.signature).toBe("unsigned");
    expect(received?.headers.authorization).toBe(`Bearer ${token}`);
  });

  it("no-override: without a viewer Authorization the request is signed", async () => {
    const url = await startCloudFront((c) => {
      if (c.cloudfront.oac) c.cloudfront.oac.signingBehavior = "no-override";
    });
    await viewerRequest(url, { path: "/chatbot?x=1" });
    expect(origin.requests[0]?.signature).toBe("valid");
  });

  it("never: nothing is signed", async () => {
    const url = await startCloudFront((c) => {
      if (c.cloudfront.oac) c.cloudfront.oac.signingBehavior = "never";
    });
    await viewerRequest(url, chatbotPost(freshToken()));
    expect(origin.requests[0]?.signature).toBe("unsigned");
    expect(origin.requests[0]?.headers["x-amz-date"]).toBeUndefined();
  });

  it("Assumption: a body without the viewer's x-amz-content-sha256 is signed with the empty hash, which does not match", async () => {
    const url = await startCloudFront();
    await viewerRequest(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const [received] = origin.requests;
    expect(received?.signature).toBe("valid");
    expect(received?.payloadHashMatches).toBe(false);
  });

  it("signs the query string the origin receives", async () => {
    const url = await startCloudFront();
    await viewerRequest(url, { path: "/chatbot?b=2&a=hello%20world&a=x" });
    expect(origin.requests[0]?.url).toBe("/chatbot?b=2&a=hello%20world&a=x");
    expect(origin.requests[0]?.signature).toBe("valid");
  });
});

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

describe("viewer response (developer guide: response behaviour)", () => {
  it("adds Via, X-Cache: Miss from cloudfront, X-Amz-Cf-Pop and X-Amz-Cf-Id; removes Trailer", async () => {
    origin.respond((_req, res) => {
      res.writeHead(201, { "content-type": "text/plain", trailer: "x-checksum", "x-origin": "1" });
      res.write("body");
      res.addTrailers({ "x-checksum": "abc" });
      res.end();
    });
    const url = await startCloudFront();
    const response = await viewerRequest(url);
    expect(response.status).toBe(201);
    expect(response.body).toBe("body");
    expect(response.headers.via).toMatch(/^1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/);
    expect(response.headers["x-cache"]).toBe("Miss from cloudfront");
    expect(response.headers["x-amz-cf-pop"]).toBe("LOC50-C1");
    expect(response.headers["x-amz-cf-id"]).toMatch(/==$/);
    expect(response.headers["x-origin"]).toBe("1");
    expect(response.headers.trailer).toBeUndefined();
  });
});

describe("methods (API_AllowedMethods; aws-facts: 403 HTML error page)", () => {
  it("a method outside the allowed set gets CloudFront's 403 page and never reaches the origin", async () => {
    const url = await startCloudFront((c) => {
      c.cloudfront.allowedMethods = ["GET", "HEAD"];
    });
    const response = await viewerRequest(url, chatbotPost(freshToken()));
    expect(response.status).toBe(403);
    expect(response.headers["content-type"]).toBe("text/html");
    expect(response.headers["x-cache"]).toBe("Error from cloudfront");
    expect(response.body).toContain("<H1>403 ERROR</H1>");
    expect(response.body).toContain(
      "This distribution is not configured to allow the HTTP request method that was used for this request. The distribution supports only cachable requests.",
    );
    expect(response.body).toContain(`Request ID: ${response.headers["x-amz-cf-id"]}`);
    expect(origin.requests).toHaveLength(0);
  });

  it("a GET with a body is refused with 403", async () => {
    const url = await startCloudFront();
    const response = await viewerRequest(url, {
      method: "GET",
      body: "surprise",
      headers: { "content-length": "8" },
    });
    expect(response.status).toBe(403);
    expect(response.headers["x-cache"]).toBe("Error from cloudfront");
    expect(origin.requests).toHaveLength(0);
  });
});

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

  it("a function that throws gets CloudFront's 503 page (construct-hub#402) and the origin is not called", async () => {
    const url = await startCloudFront(withFunction(`function handler() { throw new Error("bad"); }`));
    const response = await viewerRequest(url);
    expect(response.status).toBe(503);
    // Assumption: X-Cache carries the standard log's result type.
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

describe("streaming and origin failures", () => {
  it("passes chunks through as they arrive: the first chunk reaches the viewer before the origin sends the last", async () => {
    let firstChunkSeen: () => void = () => {};
    const seen = new Promise<void>((resolve) => {
      firstChunkSeen = resolve;
    });
    let lastSentAt = 0;
    origin.respond((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write('data: {"chunk":"Hello"}\n\n');
      // The origin holds the rest until the viewer has the first chunk (bounded: 5 s at most).
      const fallback = setTimeout(() => firstChunkSeen(), 5000);
      void seen.then(() => {
        clearTimeout(fallback);
        lastSentAt = Date.now();
        res.end("data: [DONE]\n\n");
      });
    });
    const url = await startCloudFront();
    let firstArrivedAt = 0;
    const response = await viewerRequest(url, {
      onChunk: () => {
        if (firstArrivedAt === 0) {
          firstArrivedAt = Date.now();
          firstChunkSeen();
        }
      },
    });
    expect(response.complete).toBe(true);
    expect(response.body).toBe('data: {"chunk":"Hello"}\n\ndata: [DONE]\n\n');
    expect(firstArrivedAt).toBeGreaterThan(0);
    expect(firstArrivedAt).toBeLessThanOrEqual(lastSentAt);
  });

  it("origin silent past the read timeout before any byte: CloudFront's 504 page", async () => {
    origin.respond(() => {}); // never answers
    const url = await startCloudFront((c) => {
      c.cloudfront.originReadTimeoutSeconds = 1;
    });
    const started = Date.now();
    const response = await viewerRequest(url);
    expect(response.status).toBe(504);
    expect(response.body).toContain("<H1>504 Gateway Timeout ERROR</H1>");
    expect(response.headers["x-cache"]).toBe("Error from cloudfront");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("origin silent past the read timeout mid-stream: the viewer's stream is cut", async () => {
    origin.respond((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: first\n\n"); // then silence
    });
    const url = await startCloudFront(() => {}, { originReadTimeoutMs: 300 });
    const response = await viewerRequest(url);
    expect(response.status).toBe(200);
    expect(response.body).toBe("data: first\n\n");
    expect(response.complete).toBe(false);
  });

  it("the read timeout applies between packets, not to the whole response", async () => {
    origin.respond((_req, res) => {
      res.writeHead(200);
      let sent = 0;
      const tick = setInterval(() => {
        res.write(`${sent}\n`);
        if (++sent === 8) {
          clearInterval(tick);
          res.end();
        }
      }, 200);
    });
    // 8 gaps of 200 ms: the whole response takes longer than the 1 s timeout, no single gap does.
    const url = await startCloudFront(() => {}, { originReadTimeoutMs: 1000 });
    const response = await viewerRequest(url);
    expect(response.complete).toBe(true);
    expect(response.body).toBe("0\n1\n2\n3\n4\n5\n6\n7\n");
  });

  it("origin closes the connection without answering: CloudFront's 502 page", async () => {
    // A listener that drops every connection; a closed port could be reused by another test process.
    const dropper = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => dropper.listen(0, "127.0.0.1", resolve));
    const port = (dropper.address() as AddressInfo).port;
    const server = createCloudFrontServer({
      ...cloudFrontOptionsFrom(defaultConfig()),
      origin: { host: "127.0.0.1", port },
    });
    running.push(server, { close: () => new Promise<void>((resolve) => dropper.close(() => resolve())) });
    const { url } = await server.listen(0, "127.0.0.1");
    const response = await viewerRequest(url);
    expect(response.status).toBe(502);
    expect(response.headers["x-cache"]).toBe("Error from cloudfront");
    expect(response.body).toContain("CloudFront wasn't able to connect to the origin.");
  });
});

describe("operations", () => {
  it("logs one line per request without the viewer's token or the signature", async () => {
    const lines: string[] = [];
    const url = await startCloudFront(() => {}, { log: (line) => lines.push(line) });
    const token = freshToken();
    await viewerRequest(url, chatbotPost(token));
    const signature = /Signature=([0-9a-f]+)/.exec(String(origin.requests[0]?.headers.authorization))?.[1];
    expect(lines).toHaveLength(1);
    // With the compute utilization of the CloudFront Function's run (edge-functions-restrictions).
    expect(lines[0]).toMatch(
      /^POST \/chatbot -> 200 \d+ms cf-id=\S+ \(function cu=\d{1,3}\) \(oac signed\)$/,
    );
    expect(lines.join("\n")).not.toContain(token);
    expect(signature && lines.join("\n").includes(signature)).toBe(false);
  });

  it("a viewer that disconnects mid-stream stops the origin request, logged as the viewer leaving", async () => {
    const lines: string[] = [];
    let originClosed: () => void = () => {};
    const closed = new Promise<void>((resolve) => {
      originClosed = resolve;
    });
    origin.respond((_req, res) => {
      res.writeHead(200);
      res.write("first");
      res.on("close", () => originClosed());
    });
    const url = await startCloudFront(() => {}, { log: (line) => lines.push(line) });
    await new Promise<void>((resolve, reject) => {
      const target = new URL("/chatbot", url);
      const req = http.get(
        { host: target.hostname, port: target.port, path: target.pathname, agent: false },
        (res) => {
          res.once("data", () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on("error", reject);
    });
    const outcome = await Promise.race([
      closed.then(() => "origin closed"),
      new Promise((resolve) => setTimeout(() => resolve("still open"), 3000)),
    ]);
    expect(outcome).toBe("origin closed");
    // Not "cut": CloudFront did not cut anything, the viewer left (the inspector shows no failure).
    await expect.poll(() => lines.join("\n")).toMatch(/^GET \/chatbot -> viewer-gone \d+ms/m);
  });
});

describe("emulator health", () => {
  it("GET /__emulator/health answers locally and is never forwarded", async () => {
    const url = await startCloudFront();
    const response = await viewerRequest(url, { path: "/__emulator/health" });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: "ok", service: "cloudfront" });
    expect(origin.requests).toHaveLength(0);
  });
});
