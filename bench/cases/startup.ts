/**
 * Case 1, start-up: from spawning the process to every service healthy, with an empty state folder
 * (cold: Cognito generates its signing key) and with the folder a previous start left (warm). Each
 * start also gives the idle memory (case 6) and the time of the first answer (a container cold start).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { SAMPLE_REQUEST } from "../../emulator/stack/sample-request.js";
import { chatRequest, postChat } from "../chat-client.js";
import { startStackChild } from "../stack-child.js";

export interface StartupSamples {
  coldSpawnToReadyMs: number[];
  warmSpawnToReadyMs: number[];
  coldInProcessReadyMs: number[];
  warmInProcessReadyMs: number[];
  /** Ready -> first answer complete: the function's cold start (worker + handler init) plus one chat. */
  firstAnswerMs: number[];
  idleRssMb: number[];
  /** The same with the playground's Vite dev server, which `npm start` also runs. */
  idleWithPlaygroundRssMb: number[];
  /** Warm starts, by phase (see stack-process.ts). */
  warmBootMs: number[];
  warmConfigMs: number[];
  warmServicesMs: number[];
}

const SETTLE_MS = 500;

export async function measureStartup(runs: number, log: (line: string) => void): Promise<StartupSamples> {
  const samples: StartupSamples = {
    coldSpawnToReadyMs: [],
    warmSpawnToReadyMs: [],
    coldInProcessReadyMs: [],
    warmInProcessReadyMs: [],
    firstAnswerMs: [],
    idleRssMb: [],
    idleWithPlaygroundRssMb: [],
    warmBootMs: [],
    warmConfigMs: [],
    warmServicesMs: [],
  };
  const root = mkdtempSync(path.join(os.tmpdir(), "chatbot-bench-startup-"));
  try {
    for (let i = 0; i < runs; i++) {
      // Cold: a folder that does not exist yet, as after a fresh clone. Warm: the same folder again,
      // now holding what the cold start wrote (the signing key).
      const stateDir = path.join(root, `state-${i}`);
      const cold = await startStackChild({ stateDir });
      samples.coldSpawnToReadyMs.push(cold.spawnToReadyMs);
      samples.coldInProcessReadyMs.push(cold.readyMs);
      await cold.stop();

      const warm = await startStackChild({ stateDir });
      samples.warmSpawnToReadyMs.push(warm.spawnToReadyMs);
      samples.warmInProcessReadyMs.push(warm.readyMs);
      samples.warmBootMs.push(warm.phases.bootMs);
      samples.warmConfigMs.push(warm.phases.configMs);
      samples.warmServicesMs.push(warm.phases.servicesMs);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      samples.idleRssMb.push(warm.rssMb());
      const chat = chatRequest(
        { ...SAMPLE_REQUEST, query: "Where do I start? [[stub:paced pieces=3 delayMs=0]]" },
        await warm.idToken(),
      );
      const t = performance.now();
      const answer = await postChat(warm.endpoint, chat);
      if (answer.status !== 200 || !answer.done)
        throw new Error(`first answer failed: HTTP ${answer.status}`);
      samples.firstAnswerMs.push(performance.now() - t);
      await warm.stop();
      const withPlayground = await startStackChild({ stateDir, playground: true });
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      samples.idleWithPlaygroundRssMb.push(withPlayground.rssMb());
      await withPlayground.stop();
      log(
        `  start-up run ${i + 1}/${runs}: cold ${cold.spawnToReadyMs.toFixed(0)} ms, warm ${warm.spawnToReadyMs.toFixed(0)} ms`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return samples;
}
