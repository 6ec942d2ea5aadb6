/**
 * Proof that the attack suite bites (like contracts/provider/contract-bites.test.ts): against a target
 * with one guard deliberately broken, the run reports exactly the cases that guard is for as failed and
 * exits non-zero; the same cases against the unmodified twin all pass, so each failure comes from the
 * weakness and nothing else. Targets are the in-process twin on ephemeral ports.
 */
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { StackConfig } from "../emulator/config/types.js";
import { testConfig } from "../test/test-support/test-stack.js";
import { runAttack } from "./attack-run.js";
import { CATALOGUE } from "./catalogue.js";
import { type AttackStack, attackTuning, startAttackStack } from "./local-stack.js";
import { type BuiltWeakness, buildWeakness, WEAKNESSES } from "./weakened/variants.js";

const SIZES = { fuzzCases: 1, loadConcurrent: 1, loadSequential: 1, fuzzConcurrency: 1 };

/** Every case a weakness must fail, plus an honest spoiler case and the control that must still pass. */
const TRIED = ["CTL-01", ...new Set(WEAKNESSES.flatMap((w) => w.mustFail)), "SPL-01", "SPL-05"].sort();
const cases = TRIED.map((id) => {
  const found = CATALOGUE.find((c) => c.id === id);
  if (!found) throw new Error(`no case ${id}`);
  return found;
});

let cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function attackWith(change: (config: StackConfig) => void, surfaces?: BuiltWeakness["surfaces"]) {
  const config = attackTuning(testConfig());
  change(config);
  cleanup.push(async () => rmSync(config.stateDir, { recursive: true, force: true }));
  const stack: AttackStack = await startAttackStack(config, SIZES);
  cleanup.push(() => stack.close());
  if (surfaces && stack.target.local) stack.target.local.surfaces = surfaces;
  const lines: string[] = [];
  const run = await runAttack(stack.target, cases, (line) => lines.push(line));
  const failed = run.results.filter((r) => r.verdict === "fail").map((r) => r.id);
  return { run, lines, failed };
}

describe("the attack suite bites", () => {
  it("a weakness whose patch no longer applies fails to build instead of testing the real handler", async () => {
    const stale = { name: "stale", description: "", mustFail: [] };
    await expect(
      buildWeakness({
        ...stale,
        handler: { file: "handler/src/auth.ts", find: "no such text", replace: "" },
      }),
    ).rejects.toThrow('weakness patch no longer applies: "no such text" is not in handler/src/auth.ts');
    await expect(
      buildWeakness({ ...stale, handler: { file: "handler/src/not-bundled.ts", find: "x", replace: "" } }),
    ).rejects.toThrow("handler/src/not-bundled.ts is not in the bundle");
    await expect(
      buildWeakness({
        ...stale,
        surface: { file: "emulator/cli/start.ts", find: "import", replace: "import" },
      }),
    ).rejects.toThrow("weakness patch target emulator/cli/start.ts is not in the surfaces' bundle");
  });

  it("the unmodified twin passes every case tried (the control)", { timeout: 90_000 }, async () => {
    const { run, failed } = await attackWith(() => {});
    expect(failed).toEqual([]);
    expect(run).toMatchObject({ exitCode: 0, summary: { passed: TRIED.length, skipped: 0 } });
  });

  for (const weakness of WEAKNESSES) {
    it(`${weakness.name}: ${weakness.description} -> ${weakness.mustFail.join(", ")} fail, exit 1`, {
      timeout: 90_000,
    }, async () => {
      const built: BuiltWeakness = await buildWeakness(weakness);
      cleanup.push(() => built.remove());
      const { run, lines, failed } = await attackWith((config) => {
        if (built.handlerEntry) config.functionUrl.sourceEntry = built.handlerEntry;
        if (built.edgeFile && config.cloudfront.viewerRequestFunction) {
          config.cloudfront.viewerRequestFunction.file = built.edgeFile;
        }
      }, built.surfaces);
      expect(failed).toEqual([...weakness.mustFail].sort());
      expect(run.exitCode).toBe(1);
      for (const id of weakness.mustFail)
        expect(lines.some((l) => l.startsWith(`| ${id} |`) && l.endsWith("| FAIL |"))).toBe(true);
      expect(lines.at(-1)).toBe(
        `\n${TRIED.length - weakness.mustFail.length} passed, ${weakness.mustFail.length} failed, 0 skipped`,
      );
    });
  }
});
