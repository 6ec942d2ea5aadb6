/**
 * What a stack costs the machine, read from /proc: checked against a real child process that looks
 * like a `ric` container (its command line names aws-lambda-ric, as RIC's does).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  containersWontFit,
  cpuUsedMs,
  residentMemory,
  ricContainers,
  stackCpuMs,
  stackMemoryMb,
} from "./process-stats.js";

const linux = process.platform === "linux";
let child: ChildProcess;

beforeAll(async () => {
  // The last argument only names it: the script ignores it.
  child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", "aws-lambda-ric"], {
    stdio: "ignore",
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
});
afterAll(() => {
  child.kill();
});

it.runIf(linux)("reads a process's resident memory, its anonymous and file-backed parts", () => {
  const m = residentMemory("self");
  expect(m.rssMb).toBeGreaterThan(10);
  expect(m.anonMb).toBeGreaterThan(0);
  expect(m.anonMb + m.fileMb).toBeCloseTo(m.rssMb, 0);
});

it.runIf(linux)("finds this process's ric containers, and no other process", () => {
  expect(ricContainers()).toEqual([child.pid]);
  expect(ricContainers(child.pid ?? -1)).toEqual([]);
});

it.runIf(linux)("counts a container's anonymous memory per process and its shared pages once", () => {
  const pid = child.pid ?? -1;
  const own = residentMemory(process.pid).rssMb;
  const container = residentMemory(pid);
  const twice = stackMemoryMb(process.pid, [pid, pid]);
  expect(twice).toBeCloseTo(own + 2 * container.anonMb + container.fileMb, 0);
  expect(twice).toBeLessThan(own + 2 * container.rssMb);
});

it.runIf(linux)(
  "refuses containers that would not fit in the free memory, and says how much they need",
  () => {
    expect(containersWontFit(process.pid, 2, { fallbackMb: 100, marginMb: 0 })).toBeUndefined();
    expect(containersWontFit(process.pid, 10_000_000, { fallbackMb: 100, marginMb: 0 })).toMatch(
      /^10000000 container processes at about \d+ MB each need [\d.]+ GB with a 0 GB margin; [\d.]+ GB available$/,
    );
  },
);

it("CPU used between two readings: the stack's, and each container's from zero when it is new", () => {
  const before = { stackMs: 100, containers: new Map([[1, 50]]) };
  const after = {
    stackMs: 130,
    containers: new Map([
      [1, 70],
      [2, 5],
    ]),
  };
  expect(cpuUsedMs(before, after)).toEqual({ stackMs: 30, containersMs: 25 });
});

it.runIf(linux)("reads the CPU time of the stack and of its containers", () => {
  const cpu = stackCpuMs(process.pid);
  expect(cpu.stackMs).toBeGreaterThan(0);
  expect([...cpu.containers.keys()]).toEqual([child.pid]);
});
