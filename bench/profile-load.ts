/**
 * Where the stack's CPU goes under load (the follow-up to a missed throughput target):
 * runs the stack child with `--cpu-prof` (Node writes one profile per thread: the main thread and,
 * under `worker`, every container worker), loads it at one concurrency, and prints a summary of the
 * main thread and of the busiest worker. `ric` containers are processes of their own and are not
 * profiled here (the bench's `cpu.cN.containers` says how much CPU they take).
 *
 *   npx tsx bench/profile-load.ts [concurrency=50] [seconds=5] [runtime=ric|worker, default ric]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureThroughput } from "./cases/throughput.js";
import { summarizeProfile } from "./cpu-profile.js";
import { startStackChild } from "./stack-child.js";

const concurrency = Number(process.argv[2] ?? 50);
const seconds = Number(process.argv[3] ?? 5);
const runtime = process.argv[4] === "worker" ? "worker" : "ric";
const dir = mkdtempSync(path.join(os.tmpdir(), "chatbot-load-profile-"));
const stateDir = mkdtempSync(path.join(os.tmpdir(), "chatbot-load-state-"));
const child = await startStackChild({
  stateDir,
  // As the load case measures it (sections/load.ts): npm start's runtime, or the worker runtime.
  overrides: { gemini: { pieceDelayMs: 0 }, functionUrl: { containerRuntime: runtime } },
  nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`],
});
try {
  await measureThroughput(child, [concurrency], 1, seconds, (l) => console.log(l));
} finally {
  await child.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".cpuprofile"))
  .map((f) => path.join(dir, f))
  .sort((a, b) => statSync(b).size - statSync(a).size);
console.log(`${files.length} profiles in ${dir}`);
for (const file of files.slice(0, 3)) {
  const summary = summarizeProfile(JSON.parse(readFileSync(file, "utf8")), 10);
  console.log(`\n${path.basename(file)}: ${summary.totalMs} ms`);
  for (const a of summary.areas.slice(0, 10)) console.log(`  ${a.percent}%\t${a.area}`);
  for (const f of summary.hottest.slice(0, 8)) console.log(`  ${f.percent}%\t${f.fn}`);
}
