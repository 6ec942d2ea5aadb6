/**
 * The attack catalogue as named tests (`npm test`): one test per case, in catalogue order, against the
 * offline twin on ephemeral ports (with the suite's JWKS proxy spliced in). Fuzz and load sizes are
 * smaller here; `npm run attack` runs the full sizes.
 */

import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "../test/test-support/test-stack.js";
import { CATALOGUE } from "./catalogue.js";
import { type AttackStack, attackTuning, startAttackStack } from "./local-stack.js";
import { runCase } from "./runner.js";
import type { Sizes } from "./target.js";

const TEST_SIZES: Sizes = { fuzzCases: 400, loadConcurrent: 20, loadSequential: 100, fuzzConcurrency: 4 };
/**
 * The cases that read a stream, run again under the lambda delivery (small writes held,
 * aws/aws-lambda-nodejs-runtime-interface-client#94).
 */
const STREAMING_CASES = new Set(["FLT-04", "FLT-05", "FLT-06", "FLT-07", "FLT-13"]);

/**
 * The two stacks are their own (the lambda one has its own Cognito and stub): they run side by side,
 * the cases on each one after another, as `npm run attack` runs them (a case may rotate keys, take the
 * JWKS down or measure memory).
 */
const BESIDE = { concurrent: true } as const;

describe("attack catalogue (SECURITY.md)", BESIDE, () => {
  let attack: AttackStack;
  let stateDir: string;
  beforeAll(async () => {
    const config = attackTuning(testConfig());
    stateDir = config.stateDir;
    attack = await startAttackStack(config, TEST_SIZES);
  }, 60_000);
  afterAll(async () => {
    await attack?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  describe.sequential("in catalogue order", () => {
    for (const c of CATALOGUE) {
      it(`${c.id} ${c.name}`, { timeout: (c.timeoutMs ?? 30_000) + 5_000 }, async () => {
        const result = await runCase(attack.target, c);
        // Every power exists in-process, so nothing may be skipped here.
        expect({ verdict: result.verdict, observed: result.observed }).toEqual({
          verdict: "pass",
          observed: result.observed,
        });
      });
    }
  });
});

describe("streaming cases under FUNCTION_URL_DELIVERY=lambda", BESIDE, () => {
  let lambda: AttackStack;
  let lambdaStateDir: string;
  beforeAll(async () => {
    const config = attackTuning(testConfig({ functionUrl: { delivery: { mode: "lambda" } } }));
    lambdaStateDir = config.stateDir;
    lambda = await startAttackStack(config, TEST_SIZES);
  }, 60_000);
  afterAll(async () => {
    await lambda?.close();
    rmSync(lambdaStateDir, { recursive: true, force: true });
  });

  describe.sequential("in catalogue order", () => {
    for (const c of CATALOGUE.filter((c) => STREAMING_CASES.has(c.id))) {
      it(`${c.id} ${c.name}`, { timeout: (c.timeoutMs ?? 30_000) + 5_000 }, async () => {
        const result = await runCase(lambda.target, c);
        expect({ verdict: result.verdict, observed: result.observed }).toEqual({
          verdict: "pass",
          observed: result.observed,
        });
      });
    }
  });
});
