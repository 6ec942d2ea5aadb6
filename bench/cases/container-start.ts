/**
 * The function's cold start (first answer after the stack is ready) with the handler source compiled
 * once by the emulator, as `npm start` does by default, and with the esbuild bundle (`npm run build`,
 * HANDLER_USE_BUNDLE=1), the artefact that ships to Lambda; under `npm start`'s container runtime.
 * Skipped when no bundle was built.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { defaultConfig } from "../../emulator/config/defaults.js";
import { SAMPLE_REQUEST } from "../../emulator/stack/sample-request.js";
import { chatRequest, postChat } from "../chat-client.js";
import { startStackChild } from "../stack-child.js";

export interface ContainerStartSamples {
  sourceMs: number[];
  bundleMs: number[];
  /** Why the bundle was not measured, when it was not. */
  skipped?: string;
}

async function firstAnswerMs(useBundle: boolean): Promise<number> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "chatbot-bench-container-"));
  const child = await startStackChild({ stateDir, overrides: { functionUrl: { useBundle } } });
  try {
    const chat = chatRequest(
      { ...SAMPLE_REQUEST, query: "Hint? [[stub:paced pieces=3 delayMs=0]]" },
      await child.idToken(),
    );
    const t = performance.now();
    const answer = await postChat(child.endpoint, chat);
    if (answer.status !== 200 || !answer.done) throw new Error(`first answer failed: HTTP ${answer.status}`);
    return performance.now() - t;
  } finally {
    await child.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

export async function measureContainerStart(runs: number): Promise<ContainerStartSamples> {
  const samples: ContainerStartSamples = { sourceMs: [], bundleMs: [] };
  const bundle = defaultConfig().functionUrl.bundleEntry;
  // The repository-relative path: the results are published, and a machine's own paths do not belong there.
  if (!existsSync(bundle))
    samples.skipped = `no bundle at ${path.relative(process.cwd(), bundle)} (run npm run build)`;
  for (let i = 0; i < runs; i++) {
    samples.sourceMs.push(await firstAnswerMs(false));
    if (!samples.skipped) samples.bundleMs.push(await firstAnswerMs(true));
  }
  return samples;
}
