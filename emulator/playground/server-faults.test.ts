/**
 * A fault of the playground's own server (its inspector route here) is contained: a plain 500, the
 * stack in the log, and the server keeps serving. Before, an exception there ended the process.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { defaultConfig } from "../config/defaults.js";
import { InspectorRecorder } from "../inspector/recorder.js";
import { INSPECTOR_PATH } from "../inspector/routes.js";
import { type RunningPlayground, startPlayground } from "./server.js";

const logs: string[] = [];
let cacheDir: string;
let playground: RunningPlayground;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "playground-faults-"));
  const inspector = new InspectorRecorder();
  inspector.list = () => {
    throw new Error("recorder broken: secret detail");
  };
  playground = await startPlayground({
    config: defaultConfig(),
    port: 0,
    host: "127.0.0.1",
    cacheDir,
    inspector,
    log: (line) => logs.push(line),
  });
});
afterAll(async () => {
  await playground?.close();
  await rm(cacheDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

it("answers a fault with a plain 500, logs its stack, and keeps serving", async () => {
  const res = await fetch(new URL(INSPECTOR_PATH, playground.url));
  expect(res.status).toBe(500);
  expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  expect(await res.text()).toBe("Internal Server Error");
  expect(logs.join("\n")).toMatch(/internal error: Error: recorder broken: secret detail\n\s+at /);
  expect((await fetch(new URL("/__emulator/health", playground.url))).status).toBe(200);
});
