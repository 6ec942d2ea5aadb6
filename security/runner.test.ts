import { describe, expect, it } from "vitest";
import type { AttackCase } from "./case.js";
import { formatTable } from "./report.js";
import { runCase } from "./runner.js";
import { remoteTarget } from "./target.js";

const SIZES = { fuzzCases: 1, loadConcurrent: 1, loadSequential: 1, fuzzConcurrency: 1 };

const localOnly: AttackCase = {
  id: "X-01",
  category: "tokens",
  name: "needs the local key",
  expected: "401",
  needs: ["forge", "journal"],
  run: async () => {
    throw new Error("must not run against a remote target");
  },
};

describe("runner", () => {
  it("skips a case that needs local powers against a remote target, naming the missing powers", async () => {
    const target = remoteTarget("https://d111.cloudfront.net/chatbot", "t", SIZES);
    const result = await runCase(target, localOnly);
    expect(result.verdict).toBe("skip");
    expect(result.observed).toBe("skipped: needs local powers (forge, journal)");
  });

  it("turns a thrown error into a failure and a slow case into a timeout failure", async () => {
    const target = remoteTarget("https://d111.cloudfront.net/chatbot", "t", SIZES);
    const thrower: AttackCase = { ...localOnly, needs: [] };
    expect(await runCase(target, thrower)).toMatchObject({
      verdict: "fail",
      observed: "error: must not run against a remote target",
    });
    const slow: AttackCase = { ...localOnly, needs: [], timeoutMs: 50, run: () => new Promise(() => {}) };
    expect(await runCase(target, slow)).toMatchObject({
      verdict: "fail",
      observed: "error: case did not finish within 50 ms",
    });
  });

  it("prints one row per case and the summary line", async () => {
    const target = remoteTarget("https://d111.cloudfront.net/chatbot", "t", SIZES);
    const passing: AttackCase = {
      ...localOnly,
      id: "X-02",
      needs: [],
      run: async () => ({ pass: true, observed: "401 | ok" }),
    };
    const table = formatTable([await runCase(target, passing), await runCase(target, localOnly)]);
    expect(table.split("\n")).toEqual([
      "| id | attack | expected | observed | pass |",
      "|---|---|---|---|---|",
      "| X-02 | needs the local key | 401 | 401 \\| ok | PASS |",
      "| X-01 | needs the local key | 401 | skipped: needs local powers (forge, journal) | SKIP |",
      "",
      "1 passed, 0 failed, 1 skipped",
    ]);
  });
});
