/**
 * A CPU profile of part of this process (node:inspector, the same profiler as `node --cpu-prof`),
 * summarised as self time per area of the code and the hottest functions. The whole profile is
 * written to a .cpuprofile file (open it in Chrome DevTools > Performance) when a path is given.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time per area, largest first, in ms and % of the profiled wall time. */
  areas: { area: string; ms: number; percent: number }[];
  /** The functions with the most self time. */
  hottest: { fn: string; area: string; ms: number; percent: number }[];
  file?: string;
}

/** Groups a call frame into the part of the system it belongs to. */
function areaOf(url: string, functionName: string): string {
  if (url === "") {
    if (functionName === "(idle)") return "idle (waiting on I/O or timers)";
    if (functionName === "(garbage collector)") return "garbage collector";
    if (functionName === "(program)") return "V8/native (program)";
    return "V8/native";
  }
  const mod = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (mod) return `npm: ${mod[1]}`;
  const ours = /\/(emulator\/[^/]+|handler\/src|bench|test\/support)\//.exec(url);
  if (ours) return ours[1] === "handler/src" ? "handler (our code)" : `${ours[1]}`;
  if (url.startsWith("node:")) {
    const m = /^node:(?:internal\/)?([^/]+)/.exec(url);
    return `node: ${m?.[1] ?? url}`;
  }
  return url;
}

export function summarizeProfile(profile: Profile, top = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the gap between sample i-1 and sample i; like DevTools, it counts for sample i.
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] ?? -1;
    const dt = deltas[i] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  }
  const totalUs = Math.max(1, profile.endTime - profile.startTime);
  const areas = new Map<string, number>();
  const fns = new Map<string, { area: string; us: number }>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const file = url
      .replace(/^.*\/(node_modules\/)/, "$1")
      .replace(/^file:\/\/.*?\/(emulator|handler|bench)\//, "$1/");
    const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    const entry = fns.get(key) ?? { area, us: 0 };
    entry.us += us;
    fns.set(key, entry);
  }
  const pct = (us: number) => Math.round((us / totalUs) * 1000) / 10;
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    totalMs: ms(totalUs),
    areas: [...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([area, us]) => ({ area, ms: ms(us), percent: pct(us) })),
    hottest: [...fns.entries()]
      .filter(([, v]) => !v.area.startsWith("idle"))
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([fn, v]) => ({ fn, area: v.area, ms: ms(v.us), percent: pct(v.us) })),
  };
}

/** Profiles this thread while `work` runs. */
export async function profile(work: () => Promise<void>, file?: string): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    // 100 µs sampling: fine enough for sub-millisecond request paths.
    await session.post("Profiler.setSamplingInterval", { interval: 100 });
    await session.post("Profiler.start");
    await work();
    const { profile: result } = (await session.post("Profiler.stop")) as { profile: Profile };
    if (file) writeFileSync(file, JSON.stringify(result));
    return { ...summarizeProfile(result), ...(file ? { file } : {}) };
  } finally {
    session.disconnect();
  }
}
