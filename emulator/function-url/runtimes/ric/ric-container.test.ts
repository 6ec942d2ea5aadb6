import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RicContainer } from "./ric-container.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fu-ric-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("ric: a runtime process that cannot start fails the Init phase with the reason, never the emulator", async () => {
  const logs: string[] = [];
  let dead = false;
  const container = new RicContainer(
    1,
    { modulePath: "/none.mjs", handlerName: "handler", env: {}, timeoutSeconds: 3 },
    { runtime: "ric", taskRoot: path.join(dir, "no-such-task-root"), lambdaRuntime: "nodejs24.x" },
    (line) => logs.push(line),
    () => {
      dead = true;
    },
  );
  await expect(container.ready).rejects.toMatchObject({ errorType: "Runtime.Unknown" });
  expect(dead).toBe(true);
  expect(logs.some((l) => /^container #1 could not start: .*ENOENT/.test(l))).toBe(true);
  await container.stopped();
});
