/**
 * The CloudFront Function's runs on their own long-lived thread (function-host.ts): what the
 * per-run node:vm watchdog used to give must still hold: a fresh sandbox per run, a runaway run
 * stopped and the next run served, the function's log lines passed on in order.
 */
import { afterEach, expect, it } from "vitest";
import { CloudFrontFunctionThrottledError } from "../errors.js";
import { buildViewerRequestEvent } from "./event.js";
import { compileViewerRequestFunction, type ViewerRequestFunction } from "./runtime.js";

let fn: ViewerRequestFunction | undefined;
afterEach(async () => {
  await fn?.close();
  fn = undefined;
});

function event(rawHeaders: string[] = []) {
  return buildViewerRequestEvent(
    { method: "GET", path: "/x", rawQuery: "", rawHeaders },
    {
      distributionDomainName: "d.cloudfront.net",
      distributionId: "E1",
      requestId: "r1",
      viewerIp: "127.0.0.1",
    },
  );
}

it("a run that overruns is stopped, and the next run is served by a fresh thread", () => {
  fn = compileViewerRequestFunction(
    `function handler(e) { if (e.request.headers["x-loop"]) { while (true) {} } return { statusCode: 200, body: "ok" }; }`,
    { name: "host-fn", file: "host-fn.js", timeoutMs: 50 },
  );
  expect(() => fn?.run(event(["x-loop", "1"]))).toThrow(CloudFrontFunctionThrottledError);
  expect(fn.run(event())).toMatchObject({ kind: "response", response: { body: "ok" } });
  expect(fn.run(event())).toMatchObject({ kind: "response", response: { body: "ok" } });
});

it("no state survives between runs: each gets a fresh sandbox", () => {
  fn = compileViewerRequestFunction(
    `var count = 0; function handler() { count++; globalThis.seen = (globalThis.seen || 0) + 1; return { statusCode: 200, body: count + "," + globalThis.seen }; }`,
    { name: "host-fn", file: "host-fn.js" },
  );
  for (let i = 0; i < 3; i++) expect(fn.run(event())).toMatchObject({ response: { body: "1,1" } });
});

it("the function's console.log lines reach the log, in order, named after the function", () => {
  const lines: string[] = [];
  fn = compileViewerRequestFunction(
    `function handler(e) { console.log("first", 1); console.log("second"); return e.request; }`,
    { name: "host-fn", file: "host-fn.js", log: (l) => lines.push(l) },
  );
  fn.run(event());
  fn.run(event());
  expect(lines).toEqual(["[host-fn] first 1", "[host-fn] second", "[host-fn] first 1", "[host-fn] second"]);
});
