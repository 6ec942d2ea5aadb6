import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { watchForReload } from "./source-watch.js";
import { fixtureHandlerConfig, sendSigned, startFunctionUrl } from "./test-support/harness.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fu-watch-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

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

it("live reload: after the handler's source changes, the next request runs the new code in a fresh container", async () => {
  const source = path.join(dir, "handler.mjs");
  const version = (v: string) => `export const handler = async () => "${v}";\n`;
  await writeFile(source, version("v1"));
  const fu = await startFunctionUrl(
    fixtureHandlerConfig((c) => {
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
    expect(fu.logs.some((l) => l.startsWith("reload: handler source changed (handler.mjs)"))).toBe(true);
    expect((await sendSigned(fu, { path: "/" })).body).toBe('"v2"');
    expect(fu.logs.filter((l) => l.startsWith("cold start:")).length).toBe(2);
  } finally {
    stop();
    await fu.server.close();
  }
});
