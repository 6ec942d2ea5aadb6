/**
 * Conformance: the fast `worker` runtime held to the real one. Every fixture runs through the
 * Function URL (real HTTP on loopback, SigV4-signed) under both container runtimes, `ric` being AWS's
 * own runtime client; the observations (status, headers, cookies, body bytes, completeness, timing
 * class, normalised log lines, cold starts) must be equal, and equal to production's answer where a
 * source gives it. Intended differences are listed in ../README.md ("worker vs ric") and are kept
 * out of the observation; any other difference is a bug in the worker runtime.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContainerRuntime } from "../containers/execution-environment.js";
import { fixtureHandlerConfig, startFunctionUrl } from "../test-support/harness.js";
import { type Fixture, fixtureFile, fixtures } from "./test-support/cases.js";
import { classify, normalizeLogs, type Observed, request } from "./test-support/observe.js";
import { runAll } from "./test-support/run-all.js";

const TIMEOUT_SECONDS = 3;
/** Fixtures served at once per runtime: enough to overlap the timeouts, few enough for 2 cores. */
const PARALLEL = 6;
const RUNTIMES: ContainerRuntime[] = ["worker", "ric"];

interface Outcome {
  observed: Observed[];
  logs: ReturnType<typeof normalizeLogs>;
  coldStarts: number;
}

async function run(fixture: Fixture, runtime: ContainerRuntime): Promise<Outcome> {
  const timeoutSeconds = fixture.timeoutSeconds ?? TIMEOUT_SECONDS;
  const module = path.isAbsolute(fixture.module) ? fixture.module : fixtureFile(fixture.module);
  const fu = await startFunctionUrl(
    fixtureHandlerConfig((c) => {
      c.functionUrl.containerRuntime = runtime;
      c.functionUrl.sourceEntry = module;
      c.functionUrl.handler = fixture.handler ?? "index.handler";
      c.functionUrl.timeoutSeconds = timeoutSeconds;
      c.functionUrl.invokeMode = fixture.invokeMode ?? "RESPONSE_STREAM";
    }),
  );
  try {
    const observed: Observed[] = [];
    // An invocation is over (REPORT, or the init failure) shortly after its response; the next
    // request is sent only then, so it finds the container free, as a client of one warm function would.
    const over = () => fu.logs.filter((l) => /^REPORT |^\S+ init failed: /.test(l)).length;
    for (const [i, p] of fixture.paths.entries()) {
      observed.push(classify(await request(fu, p), timeoutSeconds * 1000));
      for (let n = 0; n < 100 && over() < i + 1; n++) await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 100));
    return {
      observed: fixture.normalize ? fixture.normalize(observed) : observed,
      logs: normalizeLogs(fu.logs),
      coldStarts: fu.server.stats().coldStarts,
    };
  } finally {
    await fu.server.close();
  }
}

const dir = path.join(tmpdir(), `conformance-${process.pid}`);
const FIXTURES = fixtures(path.join(dir, "syntax-error.mjs"));
const outcomes = new Map<string, Record<ContainerRuntime, Outcome>>();

beforeAll(async () => {
  await mkdir(dir, { recursive: true });
  // Written here, not committed: a file that does not parse would break the repository's lint.
  await writeFile(path.join(dir, "syntax-error.mjs"), "export const handler = ;\n");
  const tasks = FIXTURES.flatMap((f) =>
    RUNTIMES.map((r) => async () => ({ f, r, outcome: await run(f, r) })),
  );
  for (const { f, r, outcome } of await runAll(tasks, PARALLEL)) {
    const entry = outcomes.get(f.name) ?? ({} as Record<ContainerRuntime, Outcome>);
    entry[r] = outcome;
    outcomes.set(f.name, entry);
  }
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("conformance: worker runtime vs aws-lambda-ric", () => {
  it("has at least 30 fixtures", () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(30);
  });

  for (const fixture of FIXTURES) {
    it(fixture.name, () => {
      const both = outcomes.get(fixture.name);
      if (!both) throw new Error("fixture did not run");
      expect(both.worker).toEqual(both.ric);
      fixture.expected?.forEach((expected, i) => {
        expect(both.ric.observed[i]).toMatchObject(expected);
      });
      if (fixture.coldStarts !== undefined) expect(both.ric.coldStarts).toBe(fixture.coldStarts);
      fixture.body?.(
        both.ric.observed.map((o) => JSON.parse(o.bodyText ?? "null") as Record<string, unknown>),
      );
    });
  }
});
