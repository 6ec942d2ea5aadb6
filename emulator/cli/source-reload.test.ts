/**
 * Live reload for another module's function told to run from source (a config file's `codeFrom: "source"`,
 * `sourceEntry`, `watch`): a change under its folder makes the next request run the new code, like a
 * redeploy; a function that runs its zip is not watched.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { buildFixtureModule, moduleTestConfig, TWO_FUNCTIONS } from "../../test/test-support/module-stack.js";
import { functionUrlDomain } from "../config/defaults.js";
import { findFunction } from "../config/functions.js";
import { createFunctionUrlServer } from "../function-url/server.js";
import { send } from "../function-url/test-support/harness.js";
import { watchSources } from "./source-reload.js";

const built = buildFixtureModule();
const src = mkdtempSync(path.join(os.tmpdir(), "report-src-"));
afterAll(() => {
  built.remove();
  rmSync(src, { recursive: true, force: true });
});

it.each(["worker", "ric"] as const)(
  "reloads the function that runs from source on a change under its folder, and only that one (%s)",
  async (runtime) => {
    cpSync(path.join(TWO_FUNCTIONS, "src/report"), src, { recursive: true });
    const config = await moduleTestConfig(built, runtime);
    const report = findFunction(config, "fixture-report");
    if (!report) throw new Error("no fixture-report");
    Object.assign(report, { codeFrom: "source", sourceEntry: path.join(src, "index.mjs"), watch: [src] });
    const logs: string[] = [];
    const server = createFunctionUrlServer({ config, log: (l) => logs.push(l) });
    const { port } = await server.listen(0, "127.0.0.1");
    const watched: string[] = [];
    const stop = watchSources(
      { config, functionUrl: server },
      { bundles: false, log: (l) => watched.push(l) },
    );
    try {
      expect(watched).toEqual([
        `reloads fixture-report on a change under ${path.relative(process.cwd(), src)}`,
      ]);
      // Its URL's auth type is NONE: an unsigned request, as AWS serves it.
      const host = functionUrlDomain(config, report);
      const ask = async () =>
        JSON.parse((await send(port, { method: "GET", path: "/reports/now", headers: { host } })).body)
          .report;
      expect(await ask()).toBe("weekly");
      const file = path.join(src, "index.mjs");
      writeFileSync(file, readFileSync(file, "utf8").replace('report: "weekly"', 'report: "daily"'));
      for (let i = 0; i < 50 && !logs.some((l) => /handler source changed/.test(l)); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await ask()).toBe("daily");
    } finally {
      stop();
      await server.close();
    }
  },
);
