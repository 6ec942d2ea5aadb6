/**
 * A second module through the whole chain (test/fixtures/modules/two-functions, as `npm start --
 * --terraform DIR` runs it): one distribution routes by path pattern, in order, `Default (*)` last
 * (docs/platform-facts.md, CloudFront's path patterns), to two functions run from the zips Terraform
 * deploys: `/events/*` -> a streaming AWS_IAM function behind OAC, with a CloudFront Function on that
 * behaviour only; `/reports/*` and the default -> a buffered JSON function whose URL's auth type is NONE,
 * served without any signature as AWS serves it. Both container runtimes.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../emulator/aws/sigv4-canonical.js";
import { functionUrlDomain } from "../../emulator/config/defaults.js";
import { findFunction } from "../../emulator/config/functions.js";
import { readTimed } from "../test-support/chat-client.js";
import { type BuiltModule, buildFixtureModule, moduleTestConfig } from "../test-support/module-stack.js";
import { startConfiguredStack, type TestStack } from "../test-support/test-stack.js";

const ACCESS_DENIED =
  '{"Message":"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"}';

/** An unsigned request straight to a function's URL (node:http: fetch cannot set Host). */
function direct(stack: TestStack, functionName: string, method: string, path: string) {
  const fn = findFunction(stack.config, functionName);
  if (!fn) throw new Error(`no function ${functionName}`);
  const url = new URL(stack.urls.functionUrl ?? "");
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>(
    (resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: { host: functionUrlDomain(stack.config, fn) },
        },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => {
            body += d;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        },
      );
      req.on("error", reject);
      req.end();
    },
  );
}

function events(text: string): unknown[] {
  return text
    .split("\n\n")
    .filter((e) => e.startsWith("data: ") && e !== "data: [DONE]")
    .map((e) => JSON.parse(e.slice("data: ".length)));
}

describe.each(["worker", "ric"] as const)("the two-functions module (%s runtime)", (runtime) => {
  let built: BuiltModule;
  let stack: TestStack;
  const at = (path: string) => `${stack.urls.cloudfront?.replace(/\/$/, "")}${path}`;

  beforeAll(async () => {
    built = buildFixtureModule();
    stack = await startConfiguredStack(await moduleTestConfig(built, runtime), ["functionUrl", "cloudfront"]);
  });
  afterAll(async () => {
    await stack?.close();
    built?.remove();
  });

  it("/events/*: the streaming function, through OAC, its events arriving one by one, tagged by the behaviour's CloudFront Function", async () => {
    // A POST through OAC to a Lambda origin carries the payload's hash: OAC signs it, the viewer sends it.
    const res = await fetch(at("/events/today"), {
      method: "POST",
      body: "{}",
      headers: { "x-amz-content-sha256": sha256Hex("{}") },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const { chunks, text } = await readTimed(res);
    expect(events(text)).toEqual(
      [1, 2, 3].map((n) => ({ n, path: "/events/today", method: "POST", tagged: "events" })),
    );
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    // Streamed: the events (20 ms apart) did not come as one piece at the end.
    expect(chunks.length).toBeGreaterThan(1);
    expect((chunks.at(-1)?.at ?? 0) - (chunks[0]?.at ?? 0)).toBeGreaterThan(20);
  });

  it("/reports/*: the buffered JSON function, whole with its length, no CloudFront Function on its behaviour", async () => {
    const res = await fetch(at("/reports/week?x=1"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = await res.text();
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(body)));
    expect(res.headers.get("set-cookie")).toBe("report-seen=1; Path=/reports");
    expect(JSON.parse(body)).toEqual({
      report: "weekly",
      path: "/reports/week",
      query: "x=1",
      tagged: null,
      signedBy: null,
    });
    const missing = await fetch(at("/reports/missing"));
    expect([missing.status, await missing.json()]).toEqual([404, { error: "no such report" }]);
  });

  it("Default (*): any other path goes to the default behaviour's origin, the report function", async () => {
    const res = await fetch(at("/eventsx/not-a-match"));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ path: "/eventsx/not-a-match", tagged: null });
  });

  it("each behaviour's allowed methods: POST to /reports/* is CloudFront's 403, never reaching the function", async () => {
    const before = stack.functionUrl?.stats("fixture-report").invocations;
    const res = await fetch(at("/reports/week"), { method: "POST", body: "{}" });
    expect(res.status).toBe(403);
    expect(res.headers.get("x-cache")).toBe("Error from cloudfront");
    expect(stack.functionUrl?.stats("fixture-report").invocations).toBe(before);
  });

  it("the NONE URL answers an unsigned request; the AWS_IAM one refuses it with Lambda's 403", async () => {
    const open = await direct(stack, "fixture-report", "GET", "/reports/direct");
    expect(open.status).toBe(200);
    expect(JSON.parse(open.body)).toMatchObject({ path: "/reports/direct", signedBy: null });
    const closed = await direct(stack, "fixture-events", "POST", "/events/direct");
    expect([closed.status, closed.body]).toEqual([403, ACCESS_DENIED]);
  });
});

describe.each(["worker", "ric"] as const)("the module's packages built wrong (%s runtime)", (runtime) => {
  it("a zip whose file is not the one the handler names fails Init with Runtime.ImportModuleError: a 502 through CloudFront", async () => {
    const built = buildFixtureModule({ entry: "handler.mjs" });
    const stack = await startConfiguredStack(await moduleTestConfig(built, runtime), [
      "functionUrl",
      "cloudfront",
    ]);
    try {
      const res = await fetch(`${stack.urls.cloudfront?.replace(/\/$/, "")}/reports/week`);
      expect(res.status).toBe(502);
      await res.text();
      expect(stack.logs.join("\n")).toContain("Runtime.ImportModuleError: Error: Cannot find module 'index'");
    } finally {
      await stack.close();
      built.remove();
    }
  });
});
