import { mkdtempSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { fixtureHandlerConfig, sendSigned, startFunctionUrl } from "../test-support/harness.js";
import { watchForReload } from "./source-watch.js";

const dir = mkdtempSync(path.join(tmpdir(), "fu-watch-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

it("asks for one reload, naming the file, after a burst of changes under a watched folder", async () => {
  const reasons: string[] = [];
  const stop = watchForReload({ reload: (reason) => reasons.push(reason ?? "") }, [dir], { debounceMs: 50 });
  try {
    await writeFile(path.join(dir, "index.ts"), "export const a = 1;\n");
    await writeFile(path.join(dir, "index.ts"), "export const a = 2;\n");
    for (let i = 0; i < 40 && reasons.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(reasons).toEqual(["handler source changed (index.ts)"]);
  } finally {
    stop();
  }
});

const LIVE_RELOAD = [
  { runtime: "worker", file: "handler.mjs", typed: false, compiles: 0 },
  // RIC loads the handler from a file on disk, so a TypeScript handler is compiled again for each version.
  { runtime: "ric", file: "handler.ts", typed: true, compiles: 2 },
] as const;

it.each(LIVE_RELOAD)(
  "$runtime live reload: after the handler's source changes, the next request runs the new code in a fresh container",
  async ({ runtime, file, typed, compiles }) => {
    const source = path.join(dir, file);
    const version = (v: string) =>
      `export const handler = async ()${typed ? ": Promise<string>" : ""} => "${v}";\n`;
    await writeFile(source, version("v1"));
    const fu = await startFunctionUrl(
      fixtureHandlerConfig((c) => {
        c.functionUrl.containerRuntime = runtime;
        c.functionUrl.sourceEntry = source;
      }),
    );
    const stop = watchForReload(fu.server, [dir], { debounceMs: 50 });
    try {
      expect((await sendSigned(fu, { path: "/" })).body).toBe('"v1"');
      await writeFile(source, version("v2"));
      for (let i = 0; i < 80 && !fu.logs.some((l) => l.startsWith("reload:")); i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(fu.logs.some((l) => l.startsWith(`reload: handler source changed (${file})`))).toBe(true);
      expect((await sendSigned(fu, { path: "/" })).body).toBe('"v2"');
      expect(fu.logs.filter((l) => l.startsWith("cold start:")).length).toBe(2);
      expect(fu.logs.filter((l) => l.startsWith(`compiled ${file} once`)).length).toBe(compiles);
    } finally {
      stop();
      await fu.server.close();
    }
  },
);
