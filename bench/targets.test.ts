import { expect, it } from "vitest";
import { emptyResults, metric } from "./metrics.js";
import type { BenchResults } from "./report.js";
import { summarize } from "./stats.js";
import { checkTargets } from "./targets.js";

function results(
  metrics: Record<string, number>,
  counts: Record<string, number> = {},
  mode: BenchResults["mode"] = "full",
): BenchResults {
  const r = emptyResults(mode);
  r.machine.cores = 2;
  for (const [name, value] of Object.entries(metrics))
    r.metrics[name] = metric("ms", name, summarize([[value]]));
  r.counts = counts;
  return r;
}

it("checks the chain's added p50 against 3 ms and says where it goes", () => {
  const [added] = checkTargets(
    results({ "chain.added": 4.5, "cloudfront.added": 1.25, "functionUrl.added": 3.25, "direct.total": 2 }),
  );
  expect(added).toMatchObject({ measured: "4.50 ms", met: false });
  expect(added?.reason).toContain("CloudFront (its viewer function, OAC signing, the hop) 1.25 ms");
  expect(added?.reason).toContain("the Function URL with the container 3.25 ms");
  expect(checkTargets(results({ "chain.added": 2.9 }))[0]?.met).toBe(true);
});

it("gives a throughput target the CPU ceiling the chats' own CPU time allows on the machine's cores", () => {
  const r = results({
    "throughput.c50": 210,
    "cpu.c50.stack": 4,
    "cpu.c50.containers": 5,
    "cpu.c50.client": 1,
    "worker.throughput.c50": 390,
    "worker.cpu.c50.stack": 4,
    "worker.cpu.c50.containers": 0,
    "worker.cpu.c50.client": 1,
  });
  const [ric, worker] = checkTargets(r);
  expect(ric).toMatchObject({
    name: "short chats/s at concurrency 50, 0 errors",
    target: ">= 200/s",
    met: true,
  });
  // 10 ms of CPU per chat on 2 cores: at most 200 chats/s.
  expect(ric?.reason).toContain("each chat took 10.00 ms of CPU");
  expect(ric?.reason).toContain("2 cores allow at most 200/s");
  expect(worker).toMatchObject({
    name: "short chats/s at concurrency 50 with `worker`, 0 errors",
    met: false,
  });
  expect(worker?.reason).toContain("at most 400/s");
});

it("misses a throughput target that had errors, however fast, and counts them in the reason", () => {
  const r = results({ "throughput.c50": 500 }, { "throughput.c50.errors": 2, "throughput.c50.non2xx": 1 });
  const [check] = checkTargets(r);
  expect(check).toMatchObject({ measured: "500/s, 3 errors", met: false });
  expect(check?.reason).toContain("3 chats failed");
});

it("leaves out a target whose metric the run did not measure", () => {
  expect(checkTargets(results({}, {}, "smoke"))).toEqual([]);
  expect(checkTargets(results({ "memory.idle": 100 }, {}, "smoke")).map((t) => t.name)).toEqual([
    "idle stack",
  ]);
});

it("lists the suite's time in a full run without --suite as not measured, with the reason", () => {
  const [suite] = checkTargets(results({}));
  expect(suite).toMatchObject({ name: "`npm test` wall time", measured: "not measured", met: null });
  expect(suite?.reason).toContain("--suite");
  const timed = checkTargets(results({ "suite.npmTest": 170_000 }));
  expect(timed).toEqual([expect.objectContaining({ measured: "170 s", met: true })]);
});

it("says how much CPU the suite used and what that leaves on the machine's cores", () => {
  const [suite] = checkTargets(results({ "suite.npmTest": 300_000, "suite.npmTestCpu": 450_000 }));
  expect(suite).toMatchObject({ measured: "300 s", met: false });
  expect(suite?.reason).toContain("it used 450 s of CPU, so 2 cores need at least 225 s");
  expect(suite?.reason).toContain("the cores were busy 75 % of its wall time");
});
