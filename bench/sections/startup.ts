/** Cases 1, 1b and 1c as metrics: stack start-up and idle memory, function cold start, runtimes. */
import { measureContainerStart } from "../cases/container-start.js";
import { measureRuntime } from "../cases/runtimes.js";
import { measureStartup } from "../cases/startup.js";
import { each, metric } from "../metrics.js";
import type { BenchResults } from "../report.js";
import type { Sizes } from "../sizes.js";
import { summarize } from "../stats.js";

type Log = (line: string) => void;

export async function recordStartup(results: BenchResults, size: Sizes, log: Log): Promise<void> {
  const M = results.metrics;
  log("1. start-up (cold and warm) and idle memory");
  const st = await measureStartup(size.startupRuns, log);
  const phases: [string, string, number[]][] = [
    ["startup.cold", "spawn -> every service healthy, empty state folder", st.coldSpawnToReadyMs],
    ["startup.warm", "spawn -> every service healthy, state folder kept", st.warmSpawnToReadyMs],
    [
      "startup.cold.inProcess",
      "process time origin -> healthy (cold; excludes Node/tsx boot)",
      st.coldInProcessReadyMs,
    ],
    [
      "startup.warm.inProcess",
      "process time origin -> healthy (warm; excludes Node/tsx boot)",
      st.warmInProcessReadyMs,
    ],
    ["startup.warm.boot", "warm: Node + tsx + imports, before config loading starts", st.warmBootMs],
    ["startup.warm.config", "warm: loadStackConfig (defaults + Terraform + env)", st.warmConfigMs],
    ["startup.warm.services", "warm: startStack (four services listening and healthy)", st.warmServicesMs],
    ["startup.firstAnswer", "ready -> first short answer complete (function cold start)", st.firstAnswerMs],
  ];
  for (const [name, description, values] of phases)
    M[name] = metric("ms", description, summarize(each(values)));
  M["memory.idle"] = metric(
    "MB",
    "RSS of the whole stack process, started and idle",
    summarize(each(st.idleRssMb)),
  );
  M["memory.idle.playground"] = metric(
    "MB",
    "the same with the playground's Vite dev server, which `npm start` also runs",
    summarize(each(st.idleWithPlaygroundRssMb)),
  );

  log("1b. function cold start: handler source (tsx) vs bundle");
  const cs = await measureContainerStart(size.containerRuns);
  M["container.coldStart.source"] = metric(
    "ms",
    "first answer on a fresh stack, the handler source compiled once by the emulator (npm start default) [ric]",
    summarize(each(cs.sourceMs)),
  );
  if (cs.bundleMs.length > 0) {
    M["container.coldStart.bundle"] = metric(
      "ms",
      "first answer on a fresh stack, esbuild bundle (HANDLER_USE_BUNDLE=1) [ric]",
      summarize(each(cs.bundleMs)),
    );
  }
  if (cs.skipped) results.notes.push(`Bundle cold start not measured: ${cs.skipped}.`);
}

export async function recordRuntimes(results: BenchResults, size: Sizes, log: Log): Promise<void> {
  const M = results.metrics;
  log("1c. container runtimes: worker vs ric (cold start, memory per container, per-chunk delay)");
  for (const runtime of ["worker", "ric"] as const) {
    const rt = await measureRuntime(runtime, size.runtime);
    M[`runtime.${runtime}.coldStart`] = metric(
      "ms",
      `${runtime}: fresh container's first short answer, request -> last byte`,
      summarize(each(rt.coldStartMs)),
    );
    M[`runtime.${runtime}.initDuration`] = metric(
      "ms",
      `${runtime}: Init Duration of a fresh container (REPORT line)`,
      summarize(each(rt.initDurationMs)),
    );
    M[`runtime.${runtime}.rssPerContainer`] = metric(
      "MB",
      `${runtime}: resident memory a warm container of a minimal handler adds`,
      summarize(each(rt.rssPerContainerMb)),
    );
    if (rt.anonPerContainerMb.length > 0)
      M[`runtime.${runtime}.anonPerContainer`] = metric(
        "MB",
        `${runtime}: anonymous memory of each container process (what one more costs: the Node binary's pages are shared)`,
        summarize(each(rt.anonPerContainerMb)),
      );
    M[`runtime.${runtime}.perChunk`] = metric(
      "ms",
      `${runtime}: chunk written in the handler -> received by the client`,
      summarize([rt.perChunkMs]),
    );
  }
}
