/**
 * The attack catalogue as named tests (`npm test`): one test per case, in catalogue order, against the
 * offline twin on ephemeral ports (with the suite's JWKS proxy spliced in). Fuzz and load sizes are
 * smaller here; `npm run attack` runs the full sizes.
 */

import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "../test/support/test-stack.js";
import { CATALOGUE } from "./catalogue.js";
import { type AttackStack, attackTuning, startAttackStack } from "./local-stack.js";
import { runCase } from "./runner.js";
import type { Sizes } from "./target.js";

const TEST_SIZES: Sizes = { fuzzCases: 400, loadConcurrent: 20, loadSequential: 100, fuzzConcurrency: 4 };

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

describe("attack catalogue (issue 8)", () => {
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
