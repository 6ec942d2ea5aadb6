/**
 * The CLI's default when a twin is already running: the suite reaches it only over HTTP (dev endpoints,
 * the key file for forging). Checked against a stack on ephemeral ports.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../test/test-support/test-stack.js";
import { CATALOGUE } from "./catalogue.js";
import { runningStackTarget } from "./local-stack.js";
import { runCase } from "./runner.js";
import type { Target } from "./target.js";

let stack: TestStack;
let target: Target;

beforeAll(async () => {
  stack = await startTestStack();
  target = runningStackTarget(stack.config, {
    fuzzCases: 50,
    loadConcurrent: 2,
    loadSequential: 2,
    fuzzConcurrency: 2,
  });
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const byId = (id: string) => {
  const found = CATALOGUE.find((c) => c.id === id);
  if (!found) throw new Error(`no case ${id}`);
  return found;
};

describe("attack suite against an already running twin", () => {
  it.each(["CTL-01", "TOK-12", "TOK-29", "EDGE-02", "FLT-01", "FLT-13", "INP-01"])(
    "%s passes with minting, forging, credentials and the journal over HTTP",
    async (id) => {
      const result = await runCase(target, byId(id));
      expect({ verdict: result.verdict, observed: result.observed }).toEqual({
        verdict: "pass",
        observed: result.observed,
      });
    },
    30_000,
  );

  it.each([
    ["TOK-32", "skipped: needs local powers (reload)"],
    ["FLT-09", "skipped: needs local powers (jwks, reload)"],
    ["SEC-02", "skipped: needs local powers (logs)"],
  ])("%s is skipped with its reason (only an in-process stack has that power)", async (id, reason) => {
    const result = await runCase(target, byId(id));
    expect(result).toMatchObject({ verdict: "skip", observed: reason });
  });
});
