/**
 * Proof that the attack suite bites (like contracts/provider/contract-bites.test.ts): against a target
 * with one guard deliberately broken, the run reports exactly the cases that guard is for as failed and
 * exits non-zero; the same cases against the unmodified twin all pass, so each failure comes from the
 * weakness and nothing else. Targets are the in-process twin on ephemeral ports.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StackConfig } from "../emulator/config/types.js";
import { testConfig } from "../test/test-support/test-stack.js";
import { runAttack } from "./attack-run.js";
import { CATALOGUE } from "./catalogue.js";
import { type AttackStack, attackTuning, startAttackStack } from "./local-stack.js";
import { type BuiltWeakness, buildWeakness, WEAKNESSES, type Weakness } from "./weakened/variants.js";

const SIZES = { fuzzCases: 1, loadConcurrent: 1, loadSequential: 1, fuzzConcurrency: 1 };

/** Every case a weakness must fail, plus an honest spoiler case and the control that must still pass. */
const TRIED = ["CTL-01", ...new Set(WEAKNESSES.flatMap((w) => w.mustFail)), "SPL-01", "SPL-05"].sort();
const cases = TRIED.map((id) => {
  const found = CATALOGUE.find((c) => c.id === id);
  if (!found) throw new Error(`no case ${id}`);
  return found;
});

/**
 * A weakness of the exposure surfaces only swaps the modules the exposure cases build in-process
 * (`LocalPowers.surfaces`); the stack's services are untouched, so those variants run on the control's
 * stack, one after another. A weakened handler or CloudFront Function is part of the stack, so each of
 * those starts its own. The two groups run side by side, each one stack at a time.
 */
const onTwinStack = (w: Weakness) => !w.handler && !w.edge;
const BESIDE = { concurrent: true } as const;

/**
 * The cases tried against a weakness: every case, except that a weakness of the exposure surfaces is
 * tried with the cases that build those surfaces (they declare the `surfaces` power) and the control.
 * The other cases never read the surfaces and run on the very stack the control already proved, so
 * their verdicts cannot change; trying them again would only repeat the control's run.
 */
function triedFor(weakness: Weakness): typeof cases {
  if (!onTwinStack(weakness)) return cases;
  return cases.filter((c) => c.id === "CTL-01" || c.needs?.includes("surfaces"));
}

async function startTarget(change: (config: StackConfig) => void = () => {}): Promise<AttackStack> {
  const config = attackTuning(testConfig());
  change(config);
  const stack = await startAttackStack(config, SIZES);
  return {
    ...stack,
    async close() {
      await stack.close();
      rmSync(config.stateDir, { recursive: true, force: true });
    },
  };
}

async function attack(stack: AttackStack, tried: typeof cases = cases) {
  const lines: string[] = [];
  const run = await runAttack(stack.target, tried, (line) => lines.push(line));
  const failed = run.results.filter((r) => r.verdict === "fail").map((r) => r.id);
  return { run, lines, failed, tried: tried.length };
}

/** The run against a weakened target reports exactly the weakness's cases as failed, and exits 1. */
function expectBitten(weakness: Weakness, { run, lines, failed, tried }: Awaited<ReturnType<typeof attack>>) {
  expect(failed).toEqual([...weakness.mustFail].sort());
  expect(run.exitCode).toBe(1);
  for (const id of weakness.mustFail)
    expect(lines.some((l) => l.startsWith(`| ${id} |`) && l.endsWith("| FAIL |"))).toBe(true);
  expect(lines.at(-1)).toBe(
    `\n${tried - weakness.mustFail.length} passed, ${weakness.mustFail.length} failed, 0 skipped`,
  );
}

const title = (w: Weakness) => `${w.name}: ${w.description} -> ${w.mustFail.join(", ")} fail, exit 1`;

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

  describe("the unmodified twin, and the weakened exposure surfaces on it", BESIDE, () => {
    let twin: AttackStack;
    beforeAll(async () => {
      twin = await startTarget();
    }, 60_000);
    afterAll(() => twin?.close());

    describe.sequential("one run at a time", () => {
      it("the unmodified twin passes every case tried (the control)", { timeout: 90_000 }, async () => {
        const { run, failed } = await attack(twin);
        expect(failed).toEqual([]);
        expect(run).toMatchObject({ exitCode: 0, summary: { passed: TRIED.length, skipped: 0 } });
      });

      for (const weakness of WEAKNESSES.filter(onTwinStack)) {
        it(title(weakness), { timeout: 90_000 }, async () => {
          const built: BuiltWeakness = await buildWeakness(weakness);
          const local = twin.target.local;
          const own = local?.surfaces;
          if (!local || !built.surfaces) throw new Error(`${weakness.name} built no surfaces`);
          local.surfaces = built.surfaces;
          try {
            expectBitten(weakness, await attack(twin, triedFor(weakness)));
          } finally {
            local.surfaces = own;
            await built.remove();
          }
        });
      }
    });
  });

  describe("a weakened handler or CloudFront Function, each on its own stack", BESIDE, () => {
    describe.sequential("one stack at a time", () => {
      for (const weakness of WEAKNESSES.filter((w) => !onTwinStack(w))) {
        it(title(weakness), { timeout: 90_000 }, async () => {
          const built: BuiltWeakness = await buildWeakness(weakness);
          let stack: AttackStack | undefined;
          try {
            stack = await startTarget((config) => {
              if (built.handlerEntry) config.functionUrl.sourceEntry = built.handlerEntry;
              if (built.edgeFile && config.cloudfront.viewerRequestFunction) {
                config.cloudfront.viewerRequestFunction.file = built.edgeFile;
              }
            });
            expectBitten(weakness, await attack(stack));
          } finally {
            await stack?.close();
            await built.remove();
          }
        });
      }
    });
  });
});
