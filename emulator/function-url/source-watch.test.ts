import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { watchForReload } from "./source-watch.js";

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
