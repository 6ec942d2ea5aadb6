/**
 * The deployed viewer-request function (`terraform/functions/forward-authorization.js`) on its own,
 * run in this thread in the sandbox the emulated CloudFront gives it (emulator/cloudfront/
 * function-sandbox.ts). The chain tests run it on the CloudFront Function's own thread, which the
 * coverage gate (vitest.config.ts) cannot see; this keeps every branch of the deployed file measured.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { expect, it } from "vitest";
import { createSandbox } from "../../emulator/cloudfront/function/sandbox.js";
import { MODULE_DIR } from "./test-support/module-fixture.js";

const FILE = path.join(MODULE_DIR, "functions/forward-authorization.js");
const SCRIPT = new vm.Script(readFileSync(FILE, "utf8"), { filename: FILE });

type Headers = Record<string, { value: string }>;

function run(headers: Headers): Headers {
  const context = createSandbox(() => {});
  SCRIPT.runInContext(context);
  context.__event = JSON.stringify({ version: "1.0", request: { method: "POST", uri: "/chatbot", headers } });
  const out = vm.runInContext("JSON.stringify(handler(JSON.parse(__event)))", context) as string;
  return (JSON.parse(out) as { headers: Headers }).headers;
}

it("copies the viewer's Authorization to x-forwarded-authorization (OAC overwrites Authorization)", () => {
  const headers = run({ authorization: { value: "Bearer abc" } });
  expect(headers["x-forwarded-authorization"]).toEqual({ value: "Bearer abc" });
  expect(headers.authorization).toEqual({ value: "Bearer abc" });
});

it("replaces a forwarded header the viewer sent along with a token", () => {
  const headers = run({
    authorization: { value: "Bearer real" },
    "x-forwarded-authorization": { value: "Bearer forged" },
  });
  expect(headers["x-forwarded-authorization"]).toEqual({ value: "Bearer real" });
});

it.each([
  ["no Authorization", {}],
  ["an empty Authorization", { authorization: { value: "" } }],
])("drops a forwarded header the viewer sent itself, with %s", (_, extra) => {
  const headers = run({ ...extra, "x-forwarded-authorization": { value: "Bearer forged" } });
  expect(headers["x-forwarded-authorization"]).toBeUndefined();
});

it("leaves a request without either header as it is", () => {
  expect(run({ host: { value: "d111111abcdef8.cloudfront.net" } })).toEqual({
    host: { value: "d111111abcdef8.cloudfront.net" },
  });
});
