/**
 * What a process and its `ric` containers cost the machine, read from Linux's /proc (nothing is run
 * inside them): resident memory and CPU time.
 *
 * Memory of a process tree is not the sum of its RSS: every `ric` container is a Node process of the
 * same binary, and the binary's pages (about 35 MB of Node 24's 43 MB RSS when idle, measured with
 * /proc/<pid>/smaps_rollup: `Shared_Clean`) are in memory once however many processes map them. What
 * one more container costs is its anonymous memory (`RssAnon`: its heap, stacks, compiled code), so a
 * stack's memory is its own RSS, plus each container's `RssAnon`, plus the file-backed pages of one
 * container (`RssFile`, the binary and libraries, counted once).
 */
import { readdirSync, readFileSync } from "node:fs";

/** A process's resident memory, in MB: all of it, its anonymous part, its file-backed part. */
export interface ResidentMemory {
  rssMb: number;
  anonMb: number;
  fileMb: number;
}

function statusField(status: string, name: string): number {
  const kb = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, "m").exec(status)?.[1];
  return kb === undefined ? Number.NaN : Number(kb) / 1024;
}

/** From /proc/<pid>/status; NaN figures when the process is gone or this is not Linux. */
export function residentMemory(pid: number | "self"): ResidentMemory {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return {
      rssMb: statusField(status, "VmRSS"),
      anonMb: statusField(status, "RssAnon"),
      fileMb: statusField(status, "RssFile") + statusField(status, "RssShmem"),
    };
  } catch {
    return { rssMb: Number.NaN, anonMb: Number.NaN, fileMb: Number.NaN };
  }
}

/** Linux's clock ticks per second for /proc/<pid>/stat (sysconf(_SC_CLK_TCK); 100 on Linux x64/arm64). */
const TICKS_PER_SECOND = 100;

/** User + system CPU time a process has used, in ms (all its threads); NaN when it is gone. */
export function cpuTimeMs(pid: number | "self"): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/**
 * User + system CPU time of this process's children that have ended and been waited for, in ms (the
 * kernel adds a child's time, and its own waited-for children's, when it is reaped).
 */
export function endedChildrenCpuMs(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
}

/** The children of `parent` (default: this process) that run aws-lambda-ric: the `ric` containers. */
export function ricContainers(parent: number = process.pid): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== parent) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("aws-lambda-ric")) pids.push(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return pids;
}

/**
 * Resident memory of a stack process and its `ric` containers, in MB (see the module comment): the
 * stack's RSS, each container's anonymous memory, and one container's file-backed pages.
 */
export function stackMemoryMb(pid: number, containers: readonly number[] = ricContainers(pid)): number {
  let total = residentMemory(pid).rssMb;
  let shared = 0;
  for (const container of containers) {
    const m = residentMemory(container);
    if (!Number.isFinite(m.rssMb)) continue;
    total += m.anonMb;
    shared = Math.max(shared, m.fileMb);
  }
  return total + shared;
}

/** CPU time, in ms, of a stack process and of the `ric` containers it has now. */
export function stackCpuMs(pid: number): { stackMs: number; containers: Map<number, number> } {
  const containers = new Map<number, number>();
  for (const container of ricContainers(pid)) containers.set(container, cpuTimeMs(container));
  return { stackMs: cpuTimeMs(pid), containers };
}

/**
 * The CPU a stack used between two readings: its own, and its containers' (a container started in
 * between counts from zero; one that ended in between is lost, which undercounts, never over).
 */
export function cpuUsedMs(
  before: ReturnType<typeof stackCpuMs>,
  after: ReturnType<typeof stackCpuMs>,
): { stackMs: number; containersMs: number } {
  let containersMs = 0;
  for (const [pid, ms] of after.containers) {
    if (Number.isFinite(ms)) containersMs += ms - (before.containers.get(pid) ?? 0);
  }
  return { stackMs: after.stackMs - before.stackMs, containersMs };
}

/** The memory Linux can give new work without swapping (/proc/meminfo `MemAvailable`), in MB. */
export function memAvailableMb(): number {
  try {
    const kb = /^MemAvailable:\s+(\d+)\s+kB/m.exec(readFileSync("/proc/meminfo", "utf8"))?.[1];
    return kb === undefined ? Number.NaN : Number(kb) / 1024;
  } catch {
    return Number.NaN;
  }
}

/**
 * Why `containers` more `ric` container processes would not fit in this machine's free memory (each
 * costing what the stack's containers cost now, or `fallbackMb`, plus a margin for everyone else on
 * a shared machine); undefined when they fit. For a stack of `ric` containers only: a stack that runs
 * none yet is counted at `fallbackMb` each.
 */
export function containersWontFit(
  pid: number,
  containers: number,
  options: { fallbackMb: number; marginMb: number },
): string | undefined {
  const running = ricContainers(pid)
    .map((p) => residentMemory(p).anonMb)
    .filter(Number.isFinite);
  const eachMb =
    running.length > 0 ? running.reduce((s, v) => s + v, 0) / running.length : options.fallbackMb;
  const needMb = Math.max(0, containers - running.length) * eachMb + options.marginMb;
  const availableMb = memAvailableMb();
  if (!Number.isFinite(availableMb) || needMb <= availableMb) return undefined;
  return `${containers} container processes at about ${eachMb.toFixed(0)} MB each need ${(needMb / 1024).toFixed(1)} GB with a ${(options.marginMb / 1024).toFixed(0)} GB margin; ${(availableMb / 1024).toFixed(1)} GB available`;
}
