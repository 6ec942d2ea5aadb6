import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../config/defaults.js";
import {
  CloudFrontConfigError,
  CloudFrontFunctionExecutionError,
  CloudFrontFunctionThrottledError,
  CloudFrontFunctionValidationError,
  CloudFrontNotEmulatedError,
} from "../errors.js";
import { buildViewerRequestEvent } from "./event.js";
import {
  compileViewerRequestFunction,
  DEFAULT_FUNCTION_TIMEOUT_MS,
  loadViewerRequestFunction,
  MAX_FUNCTION_CODE_BYTES,
} from "./runtime.js";

const dir = mkdtempSync(path.join(tmpdir(), "cf-function-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function event(rawHeaders: string[] = []) {
  return buildViewerRequestEvent(
    { method: "POST", path: "/chatbot", rawQuery: "", rawHeaders },
    {
      distributionDomainName: "d.cloudfront.net",
      distributionId: "E1",
      requestId: "r1",
      viewerIp: "127.0.0.1",
    },
  );
}

function compile(code: string, timeoutMs = DEFAULT_FUNCTION_TIMEOUT_MS, extra: object = {}) {
  return compileViewerRequestFunction(code, { name: "test-fn", file: "test-fn.js", timeoutMs, ...extra });
}

describe("the deployed forward-authorization function (terraform/functions/forward-authorization.js)", () => {
  const file = defaultConfig().cloudfront.viewerRequestFunction?.file as string;
  const fn = loadViewerRequestFunction({ name: "forward-authorization", file });

  it("copies Authorization to x-forwarded-authorization (design: OAC overwrites Authorization)", () => {
    const token = `Bearer ${Math.random().toString(36).slice(2)}`;
    const result = fn.run(event(["Authorization", token]));
    expect(result.kind).toBe("request");
    if (result.kind !== "request") return;
    expect(result.request.headers["x-forwarded-authorization"]).toEqual({ value: token });
    expect(result.request.headers.authorization).toEqual({ value: token });
  });

  it("removes a viewer-supplied x-forwarded-authorization when there is no Authorization", () => {
    const result = fn.run(event(["X-Forwarded-Authorization", "Bearer forged"]));
    expect(result.kind === "request" && result.request.headers["x-forwarded-authorization"]).toBeUndefined();
  });
});

describe("cloudfront-js-2.0 return contract (functions-event-structure)", () => {
  it("a returned response object is reported as a response", () => {
    const fn = compile(`function handler(event) { return { statusCode: 302, statusDescription: "Found",
      headers: { location: { value: "https://example.com/" } } }; }`);
    expect(fn.run(event())).toEqual({
      kind: "response",
      response: {
        statusCode: 302,
        statusDescription: "Found",
        headers: { location: { value: "https://example.com/" } },
      },
      computeUtilization: expect.any(Number),
    });
  });

  it("supports an async handler (runtime 2.0 allows async/await)", () => {
    const fn = compile(`async function handler(event) { await null;
      event.request.headers["x-async"] = { value: "yes" }; return event.request; }`);
    const result = fn.run(event());
    expect(result.kind === "request" && result.request.headers["x-async"]).toEqual({ value: "yes" });
  });

  it("refuses a returned header name that is not lower case", () => {
    const fn = compile(
      `function handler(event) { event.request.headers["X-Upper"] = { value: "1" }; return event.request; }`,
    );
    expect(() => fn.run(event())).toThrow(/not lower case: X-Upper/);
  });

  it("keeps no state between invocations (a fresh sandbox each time)", () => {
    const fn = compile(
      `var count = 0; function handler(event) { count++; return { statusCode: 200, body: String(count) }; }`,
    );
    fn.run(event());
    expect(fn.run(event())).toMatchObject({ response: { body: "1" } });
  });
});

describe("sandbox limits (CloudFront Functions runtime restrictions)", () => {
  it("require of a module the runtime lacks refuses to start, naming file and rule (runtime-20 built-in modules)", () => {
    expect(() =>
      compile(`function handler(event) { var fs = require("fs"); return event.request; }`),
    ).toThrow(
      /test-fn\.js requires "fs": cloudfront-js-2\.0 provides only crypto, querystring, buffer, cloudfront/,
    );
    expect(() => compile(`function handler(e) { require('cloudfront'); return e.request; }`)).toThrow(
      CloudFrontNotEmulatedError,
    );
  });

  it("a computed require of an unknown module fails the invocation", () => {
    const fn = compile(`function handler(event) { var m = "f" + "s"; require(m); return event.request; }`);
    expect(() => fn.run(event())).toThrow(CloudFrontFunctionExecutionError);
    expect(() => fn.run(event())).toThrow(/Cannot find module "fs"/);
  });

  it("the built-in crypto (md5, sha1, sha256), querystring and buffer modules work (runtime-20 built-in modules)", () => {
    const fn = compile(`function handler() {
      var crypto = require("crypto"), qs = require("querystring"), B = require("buffer").Buffer;
      return { statusCode: 200, body: [crypto.createHash("sha256").update("a").digest("hex").slice(0, 8),
        crypto.createHmac("sha1", "k").update("a").digest("hex").length, qs.stringify({ a: "b c" }),
        B.from("hi").toString("base64")].join(",") }; }`);
    expect(fn.run(event())).toMatchObject({ response: { body: "ca978112,40,a=b%20c,aGk=" } });
    const sha512 = compile(`function handler() { require("crypto").createHash("sha512"); }`);
    expect(() => sha512.run(event())).toThrow(/Digest method not supported: sha512/);
    const encodings = compile(`function handler() { var c = require("crypto");
      var raw = c.createHash("md5").update("a").digest();
      return { statusCode: 200, body: String(raw.length) + "," + c.createHash("md5").update("a").digest("latin1") }; }`);
    expect(() => encodings.run(event())).toThrow(/Digest encoding not supported: latin1/);
    const raw = compile(`function handler() { return { statusCode: 200,
      body: String(require("crypto").createHmac("sha256", "k").update("a").digest().length) }; }`);
    expect(raw.run(event())).toMatchObject({ response: { body: "32" } });
  });

  it("has no process, timers, fetch or network globals", () => {
    const fn =
      compile(`function handler() { return { statusCode: 200, body: [typeof process, typeof setTimeout,
      typeof fetch, typeof XMLHttpRequest, typeof WebSocket].join(",") }; }`);
    expect(fn.run(event())).toMatchObject({
      response: { body: "undefined,undefined,undefined,undefined,undefined" },
    });
  });

  it("an infinite loop is killed by the CPU budget", () => {
    const fn = compile(`function handler(event) { while (true) {} }`, 30);
    const started = Date.now();
    expect(() => fn.run(event())).toThrow(CloudFrontFunctionThrottledError);
    expect(() => fn.run(event())).toThrow(/exceeded its compute budget \(stopped after 30 ms\)/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("an endless chain of promises in an async handler is killed too", () => {
    const fn = compile(`async function handler(event) { while (true) { await null; } }`, 30);
    expect(() => fn.run(event())).toThrow(/exceeded its compute budget/);
  });

  it("dynamic code evaluation (eval, new Function) fails (edge-functions-restrictions: Runtime)", () => {
    const fn = compile(`function handler() { return { statusCode: 200, body: String(eval("1+1")) }; }`);
    expect(() => fn.run(event())).toThrow(/Code generation from strings disallowed/);
    const ctor = compile(
      `function handler() { return { statusCode: 200, body: new Function("return 1")() }; }`,
    );
    expect(() => ctor.run(event())).toThrow(/Code generation from strings disallowed/);
  });

  it("a thrown error fails the invocation with its message", () => {
    const fn = compile(`function handler() { throw new Error("boom"); }`);
    expect(() => fn.run(event())).toThrow(/threw: Error: boom/);
  });

  it("import syntax does not compile: start fails naming the file", () => {
    expect(() => compile(`import fs from "fs"; function handler(e) { return e.request; }`)).toThrow(
      CloudFrontConfigError,
    );
    expect(() => compile(`function handler(e) { return e.request; `)).toThrow(/test-fn\.js does not compile/);
  });

  it("code over 10 KB is refused at start (quotas: function code size 10 KB)", () => {
    const file = path.join(dir, "big.js");
    writeFileSync(
      file,
      `function handler(e) { return e.request; }\n//${"x".repeat(MAX_FUNCTION_CODE_BYTES)}`,
    );
    expect(() => loadViewerRequestFunction({ name: "big", file })).toThrow(
      /big\.js is \d+ bytes; the function code size limit is 10240 bytes/,
    );
    // Exactly at the limit still publishes.
    const fits = `function handler(e) { return e.request; }\n//`;
    expect(() => compile(fits + "x".repeat(MAX_FUNCTION_CODE_BYTES - fits.length))).not.toThrow();
    expect(() => compile(fits + "x".repeat(MAX_FUNCTION_CODE_BYTES - fits.length + 1))).toThrow(/10 KB/);
  });

  it("code without a handler function, or with import(), refuses to start", () => {
    expect(() => compile(`function main(e) { return e.request; }`)).toThrow(
      /defines no function named handler/,
    );
    expect(() => compile(`function handler(e) { import("x"); return e.request; }`)).toThrow(
      /uses import\(\)/,
    );
  });

  it("a missing file fails at start naming it", () => {
    const file = path.join(dir, "missing.js");
    expect(() => loadViewerRequestFunction({ name: "gone", file })).toThrow(/cannot read .*missing\.js/);
  });
});

describe("compute utilization and the frozen clock (edge-functions-restrictions; runtime-20 restricted features)", () => {
  it("each run reports compute utilization from 0 to 100 of the budget", () => {
    const result = compile(`function handler(e) { return e.request; }`).run(event());
    expect(result.computeUtilization).toBeGreaterThanOrEqual(0);
    expect(result.computeUtilization).toBeLessThanOrEqual(100);
    const heavy = compile(
      `function handler(e) { var s = 0; for (var i = 0; i < 2e7; i++) { s += i % 7; } e.request.headers["x-s"] = { value: String(s) }; return e.request; }`,
    );
    expect(heavy.run(event()).computeUtilization).toBe(100); // well over 1 ms of work, reported capped
  });

  it("enforce mode fails a run over the budget as throttled; report mode lets it finish", () => {
    const code = `function handler(e) { var s = 0; for (var i = 0; i < 2e7; i++) { s += i % 7; } e.request.headers["x-s"] = { value: String(s) }; return e.request; }`;
    const strict = compile(code, DEFAULT_FUNCTION_TIMEOUT_MS, { computeBudget: "enforce" });
    expect(() => strict.run(event())).toThrow(CloudFrontFunctionThrottledError);
    expect(() => strict.run(event())).toThrow(/compute utilization \d{3,}/);
    expect(compile(code).run(event()).kind).toBe("request");
  });

  it("Date returns the run's start time throughout the run", () => {
    const fn =
      compile(`function handler() { var a = Date.now(), s = 0; for (var i = 0; i < 2e7; i++) { s += i % 7; }
      return { statusCode: 200, body: [a === Date.now(), new Date().getTime() === a].join(",") }; }`);
    expect(fn.run(event())).toMatchObject({ response: { body: "true,true" } });
  });
});

describe("headers a viewer-request function may not touch (edge-functions-restrictions: HTTP headers)", () => {
  const viewer = () => event(["Host", "d.cloudfront.net", "Content-Length", "2", "Via", "1.1 proxy"]);
  it.each([
    ["changed", `r.headers.host = { value: "evil.example" };`, /changed the read-only header host/],
    ["removed", `delete r.headers["content-length"];`, /removed the read-only header content-length/],
    [
      "added",
      `r.headers["transfer-encoding"] = { value: "chunked" };`,
      /added the read-only header transfer-encoding/,
    ],
    ["changed via", `r.headers.via = { value: "2.0 x" };`, /changed the read-only header via/],
  ])("a read-only header %s fails validation", (_, change, message) => {
    const fn = compile(`function handler(e) { var r = e.request; ${change} return r; }`);
    expect(() => fn.run(viewer())).toThrow(CloudFrontFunctionValidationError);
    expect(() => fn.run(viewer())).toThrow(message);
  });

  it.each(["x-cache", "x-amz-cf-pop", "connection", "x-edge-location", "x-forwarded-proto"])(
    "adding the disallowed header %s fails validation",
    (name) => {
      const fn = compile(
        `function handler(e) { e.request.headers["${name}"] = { value: "1" }; return e.request; }`,
      );
      expect(() => fn.run(viewer())).toThrow(`added the disallowed header ${name}`);
    },
  );

  it("Assumption: changing the read-only method fails validation", () => {
    const fn = compile(`function handler(e) { e.request.method = "GET"; return e.request; }`);
    expect(() => fn.run(viewer())).toThrow(/changed the read-only method POST to GET/);
  });

  it("reading read-only headers and leaving them alone is fine", () => {
    const fn = compile(`function handler(e) { var r = e.request;
      r.headers["x-seen-host"] = { value: r.headers.host.value }; return r; }`);
    const result = fn.run(viewer());
    expect(result.kind === "request" && result.request.headers["x-seen-host"]).toEqual({
      value: "d.cloudfront.net",
    });
  });
});
