/**
 * The Function URL conformance fixtures whose answer production gives (`expected`), each served by a
 * function of the second module (test/fixtures/modules/two-functions) with that module's settings: a
 * RESPONSE_STREAM fixture by its AWS_IAM streaming function, a BUFFERED one by its NONE buffered function,
 * the fixture's code packed as the zip Terraform deploys, under AWS's runtime client (`ric`). Production's
 * answer must not depend on which module declares the URL.
 */
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functionUrlDomain } from "../../emulator/config/defaults.js";
import { findFunction } from "../../emulator/config/functions.js";
import type { StackConfig } from "../../emulator/config/types.js";
import { handlerModule } from "../../emulator/function-url/artifact.js";
import {
  type Fixture,
  fixtureFile,
  fixtures,
} from "../../emulator/function-url/conformance/test-support/cases.js";
import {
  classify,
  type Observed,
  request,
} from "../../emulator/function-url/conformance/test-support/observe.js";
import { runAll } from "../../emulator/function-url/conformance/test-support/run-all.js";
import { startFunctionUrl } from "../../emulator/function-url/test-support/harness.js";
import { zipFolder } from "../../emulator/function-url/test-support/zip-package.js";
import { type BuiltModule, buildFixtureModule, moduleTestConfig } from "../test-support/module-stack.js";

const TIMEOUT_SECONDS = 3;
/** Fixtures served at once, as the conformance suite runs them: their waits overlap. */
const PARALLEL = 6;
const FUNCTION_FOR = { RESPONSE_STREAM: "fixture-events", BUFFERED: "fixture-report" } as const;

/** Fixtures with production's answer and a module file of their own (not one written at run time). */
const SLICE = fixtures(path.join(tmpdir(), "unused.mjs")).filter(
  (f) => f.expected !== undefined && !path.isAbsolute(f.module),
);

const zips = zipFolder();
let built: BuiltModule;
let base: StackConfig;
const outcomes = new Map<string, Observed[]>();

beforeAll(async () => {
  built = buildFixtureModule();
  base = await moduleTestConfig(built, "ric");
  const tasks = SLICE.map((fixture, at) => async () => ({ fixture, observed: await serve(fixture, at) }));
  for (const { fixture, observed } of await runAll(tasks, PARALLEL)) outcomes.set(fixture.name, observed);
}, 180_000);
afterAll(() => {
  zips.remove();
  built?.remove();
});

async function serve(fixture: Fixture, at: number): Promise<Observed[]> {
  const config = structuredClone(base);
  const functionName = FUNCTION_FOR[fixture.invokeMode ?? "RESPONSE_STREAM"];
  const fn = findFunction(config, functionName);
  if (!fn) throw new Error(`the module declares no ${functionName}`);
  const handler = fixture.handler ?? "index.handler";
  // The fixture's file under the name the handler gives (`index.handler` -> index.mjs), or under index.mjs
  // when the fixture names a file that is not there (its answer is that error).
  const entry = fixture.handler?.startsWith("nope") ? "index.mjs" : `${handlerModule(handler)}.mjs`;
  fn.artifact = zips.zip(`fixture-${at}`, { [entry]: readFileSync(fixtureFile(fixture.module), "utf8") });
  fn.handler = handler;
  const timeoutSeconds = fixture.timeoutSeconds ?? TIMEOUT_SECONDS;
  fn.timeoutSeconds = timeoutSeconds;
  const running = await startFunctionUrl(config);
  try {
    const target = { ...running, domain: functionUrlDomain(config, fn) };
    const observed: Observed[] = [];
    // As the conformance suite does: the next request only once the invocation is over (REPORT, or the init
    // failure), so it finds the container free, as a client of one warm function would.
    const over = () => running.logs.filter((l) => /^REPORT |^\S+ init failed: /.test(l)).length;
    for (const [i, p] of fixture.paths.entries()) {
      observed.push(classify(await request(target, p), timeoutSeconds * 1000));
      for (let n = 0; n < 100 && over() < i + 1; n++) await new Promise((r) => setTimeout(r, 20));
    }
    return fixture.normalize ? fixture.normalize(observed) : observed;
  } finally {
    await running.server.close();
  }
}

describe("conformance fixtures served by the two-functions module's functions (ric)", () => {
  it("has a slice of both invoke modes", () => {
    const modes = new Set(SLICE.map((f) => f.invokeMode ?? "RESPONSE_STREAM"));
    expect([SLICE.length >= 10, [...modes].sort()]).toEqual([true, ["BUFFERED", "RESPONSE_STREAM"]]);
  });

  SLICE.forEach((fixture) => {
    it(fixture.name, () => {
      const observed = outcomes.get(fixture.name);
      if (!observed) throw new Error("fixture did not run");
      fixture.expected?.forEach((expected, i) => {
        expect(observed[i]).toMatchObject(expected);
      });
      fixture.body?.(observed.map((o) => JSON.parse(o.bodyText ?? "null") as Record<string, unknown>));
    });
  });
});
