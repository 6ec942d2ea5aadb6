/**
 * A slice of the attack catalogue against a second module (test/fixtures/modules/two-functions), as
 * `npm run attack -- --terraform DIR` runs it: the SigV4 and OAC cases, aimed at its /events/* behaviour
 * (POST through OAC to the AWS_IAM URL of its streaming function). Each must be refused before the
 * function runs, and nothing may be skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../emulator/aws/sigv4-canonical.js";
import { type BuiltModule, buildFixtureModule, moduleTestConfig } from "../test/test-support/module-stack.js";
import { startConfiguredStack, type TestStack } from "../test/test-support/test-stack.js";
import { MODULE_CASES, moduleTarget } from "./module-target.js";
import { runCase } from "./runner.js";
import type { Target } from "./target.js";

const SIZES = { fuzzCases: 10, loadConcurrent: 2, loadSequential: 2, fuzzConcurrency: 1 };

let built: BuiltModule;
let stack: TestStack;
let target: Target;

beforeAll(async () => {
  built = buildFixtureModule();
  stack = await startConfiguredStack(await moduleTestConfig(built, "worker"), ["functionUrl", "cloudfront"]);
  target = moduleTarget(stack, SIZES, stack.logs);
});
afterAll(async () => {
  await stack?.close();
  built?.remove();
});

const invocations = () => stack.functionUrl?.stats("fixture-events").invocations ?? -1;

it("aims at the behaviour that signs POST with OAC, and a well-formed POST there reaches the function", async () => {
  expect(target.endpoint).toMatch(/\/events\/example$/);
  const before = invocations();
  const res = await fetch(target.endpoint, {
    method: "POST",
    body: "{}",
    headers: { "x-amz-content-sha256": sha256Hex("{}") },
  });
  expect(res.status).toBe(200);
  await res.text();
  expect(invocations()).toBe(before + 1);
});

describe("the SigV4 and OAC cases", () => {
  expect(MODULE_CASES.map((c) => c.id)).toEqual(
    Array.from({ length: 13 }, (_, i) => `EDGE-${String(i + 1).padStart(2, "0")}`),
  );
  for (const c of MODULE_CASES) {
    it(`${c.id} ${c.name}`, async () => {
      const before = invocations();
      const result = await runCase(target, c);
      expect(result.verdict, result.observed).toBe("pass");
      expect(invocations(), "the function ran").toBe(before);
    });
  }
});
