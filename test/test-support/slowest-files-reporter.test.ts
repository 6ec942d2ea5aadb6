import { describe, expect, it } from "vitest";
import type { TestModule } from "vitest/node";
import { type FileTime, fileTime, slowestFilesSummary } from "./slowest-files-reporter.js";

const file = (name: string, totalMs: number, tests = 1): FileTime => ({
  file: name,
  totalMs,
  importMs: totalMs / 4,
  testsMs: (3 * totalMs) / 4,
  tests,
});

describe("slowestFilesSummary", () => {
  it("states the wall time, the file count and the sum of the files' own times", () => {
    const [head] = slowestFilesSummary("vitest", {
      wallMs: 61_500,
      workers: 2,
      files: [file("a.test.ts", 40_000), file("b.test.ts", 60_000)],
    });
    expect(head).toBe(
      "vitest: 2 files in 61.5 s wall time; the files' own times sum to 100.0 s on 2 workers",
    );
  });

  it("lists the slowest files first, at most `count` of them, with their share of the sum", () => {
    const files = [40, 5, 90, 10, 70, 20, 30, 60, 80, 50, 100, 1].map((s) =>
      file(`f${s}.test.ts`, s * 1000, s),
    );
    const lines = slowestFilesSummary("vitest", { wallMs: 300_000, workers: 2, files });
    expect(lines[1]).toBe("the 10 slowest files (total = import + tests and hooks; share of the sum):");
    const listed = lines.slice(2);
    expect(listed.map((l) => l.trim().split(" ")[0])).toEqual(
      [100, 90, 80, 70, 60, 50, 40, 30, 20, 10].map((s) => `f${s}.test.ts`),
    );
    // 100 s of a 556 s sum; import a quarter, tests and hooks three quarters; names padded to one column.
    expect(listed[0]).toBe("  f100.test.ts   100.0 s  =  25.0 s +  75.0 s   18 %  (100 tests)");
    expect(listed[9]).toBe("  f10.test.ts     10.0 s  =   2.5 s +   7.5 s    2 %  (10 tests)");
    expect(slowestFilesSummary("x", { wallMs: 1, workers: 1, files }, 3)).toHaveLength(2 + 3);
  });

  it("says one worker in the singular, and lists nothing for a run without files", () => {
    expect(slowestFilesSummary("contracts", { wallMs: 2_000, workers: 1, files: [] })).toEqual([
      "contracts: 0 files in 2.0 s wall time; the files' own times sum to 0.0 s on 1 worker",
    ]);
  });

  it("does not reorder the caller's list", () => {
    const files = [file("a", 1), file("b", 2)];
    slowestFilesSummary("vitest", { wallMs: 3, workers: 2, files });
    expect(files.map((f) => f.file)).toEqual(["a", "b"]);
  });
});

describe("fileTime", () => {
  it("adds the environment, prepare and setup time, the import and the tests, with a repository path", () => {
    const module = {
      moduleId: "/repo/security/attack.test.ts",
      diagnostic: () => ({
        environmentSetupDuration: 10,
        prepareDuration: 20,
        setupDuration: 30,
        collectDuration: 400,
        duration: 5_000,
      }),
      children: { allTests: () => [{}, {}, {}][Symbol.iterator]() },
    } as unknown as TestModule;
    expect(fileTime(module, "/repo")).toEqual({
      file: "security/attack.test.ts",
      totalMs: 5_460,
      importMs: 400,
      testsMs: 5_000,
      tests: 3,
    });
  });
});
