import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../config/defaults.js";
import { CloudFrontConfigError, CloudFrontFunctionExecutionError } from "./errors.js";
import { buildViewerRequestEvent } from "./function-event.js";
import {
  compileViewerRequestFunction,
  DEFAULT_FUNCTION_TIMEOUT_MS,
  loadViewerRequestFunction,
  MAX_FUNCTION_CODE_BYTES,
} from "./function-runtime.js";

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

function compile(code: string, timeoutMs = DEFAULT_FUNCTION_TIMEOUT_MS) {
  return compileViewerRequestFunction(code, { name: "test-fn", file: "test-fn.js", timeoutMs });
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
  it("require is unavailable: calling it fails the invocation", () => {
    const fn = compile(`function handler(event) { var fs = require("fs"); return event.request; }`);
    expect(() => fn.run(event())).toThrow(CloudFrontFunctionExecutionError);
    expect(() => fn.run(event())).toThrow(/require is not defined/);
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
    expect(() => fn.run(event())).toThrow(/exceeded its CPU budget of 30 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("an endless chain of promises in an async handler is killed too", () => {
    const fn = compile(`async function handler(event) { while (true) { await null; } }`, 30);
    expect(() => fn.run(event())).toThrow(/exceeded its CPU budget/);
  });

  it("Assumption: dynamic code evaluation (eval, new Function) is refused", () => {
    const fn = compile(`function handler() { return { statusCode: 200, body: String(eval("1+1")) }; }`);
    expect(() => fn.run(event())).toThrow(/Code generation from strings disallowed/);
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
  });

  it("a missing file fails at start naming it", () => {
    const file = path.join(dir, "missing.js");
    expect(() => loadViewerRequestFunction({ name: "gone", file })).toThrow(/cannot read .*missing\.js/);
  });
});
