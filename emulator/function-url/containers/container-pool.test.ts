import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fixtureHandlerConfig,
  type Running,
  sendSigned,
  signHeaders,
  startFunctionUrl,
} from "../test-support/harness.js";

let dir: string;
const running: Running[] = [];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fu-pool-"));
});
afterAll(async () => {
  await Promise.all(running.map((r) => r.server.close()));
  await rm(dir, { recursive: true, force: true });
});

/** A plain-JS handler whose Init phase takes `initMs` and which answers with its container's pid-less id. */
async function slowInitHandler(name: string, initMs: number): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(
    file,
    `await new Promise((r) => setTimeout(r, ${initMs}));
const id = Math.random().toString(36).slice(2);
export const handler = async (event) => {
  const ms = Number(new URLSearchParams(event.rawQueryString).get("ms") ?? 0);
  await new Promise((r) => setTimeout(r, ms));
  return id;
};
`,
  );
  return file;
}

async function start(
  entry: string,
  mutate: Parameters<typeof fixtureHandlerConfig>[0] = () => {},
): Promise<Running> {
  const fu = await startFunctionUrl(
    fixtureHandlerConfig((c) => {
      c.functionUrl.sourceEntry = entry;
      mutate?.(c);
    }),
  );
  running.push(fu);
  return fu;
}

/** Samples `initializing` while `work` runs, to see the gate from outside. */
async function maxInitializing(fu: Running, work: Promise<unknown>): Promise<number> {
  let max = 0;
  const timer = setInterval(() => {
    max = Math.max(max, fu.server.stats().initializing);
  }, 2);
  try {
    await work;
  } finally {
    clearInterval(timer);
  }
  return max;
}

describe("init gate (Assumption/emulator deviation: cold starts are queued on one machine)", () => {
  it("runs at most initConcurrency Init phases at once; queued requests take a warm container when one frees first", async () => {
    const fu = await start(await slowInitHandler("gate.mjs", 300), (c) => {
      c.functionUrl.initConcurrency = 1;
      c.functionUrl.maxContainers = 8;
    });
    const burst = Promise.all([1, 2, 3, 4].map(() => sendSigned(fu, { path: "/" })));
    const max = await maxInitializing(fu, burst);
    const results = await burst;
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(max).toBe(1);
    // The first container is warm long before a second 300 ms Init could finish twice more.
    expect(fu.server.stats().coldStarts).toBeLessThanOrEqual(2);
    expect(new Set(results.map((r) => r.body)).size).toBeLessThanOrEqual(2);
    expect(fu.server.stats().maxWaitMs).toBeGreaterThanOrEqual(250);
    expect(fu.server.stats().waiting).toBe(0);
  });

  it("still answers 429 when running plus queued invocations reach reserved concurrency (urls-configuration)", async () => {
    const fu = await start(await slowInitHandler("throttle.mjs", 200), (c) => {
      c.functionUrl.initConcurrency = 1;
      c.functionUrl.reservedConcurrency = 2;
    });
    const results = await Promise.all([1, 2, 3].map(() => sendSigned(fu, { path: "/?ms=100" })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 429]);
  });

  it("drops a request whose client leaves while it waits for a container, without invoking the function", async () => {
    const fu = await start(await slowInitHandler("leave.mjs", 400), (c) => {
      c.functionUrl.initConcurrency = 1;
      c.functionUrl.maxContainers = 2;
    });
    const kept = sendSigned(fu, { path: "/" });
    const headers = await signHeaders(
      { method: "GET", host: fu.domain, path: "/", headers: {} },
      { credential: fu.config.credentials.cloudfront },
    );
    const leaving = http.request({ host: "127.0.0.1", port: fu.port, path: "/", headers, agent: false });
    leaving.on("error", () => {});
    leaving.end();
    for (let i = 0; i < 40 && fu.server.stats().waiting < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(fu.server.stats().waiting).toBe(2);
    leaving.destroy();
    expect((await kept).status).toBe(200);
    expect(fu.logs.some((l) => l.includes("client left while waiting for a container"))).toBe(true);
    expect(fu.server.stats()).toMatchObject({ invocations: 1, coldStarts: 1, waiting: 0 });
  });

  it("a failed Init answers the queued request with 502 and does not start containers for nobody", async () => {
    const file = path.join(dir, "broken-init.mjs");
    await writeFile(file, `throw new Error("init failed on purpose");\n`);
    const fu = await start(file, (c) => {
      c.functionUrl.initConcurrency = 1;
    });
    const results = await Promise.all([1, 2].map(() => sendSigned(fu, { path: "/" })));
    expect(results.map((r) => r.status)).toEqual([502, 502]);
    expect(fu.server.stats()).toMatchObject({ coldStarts: 2, waiting: 0, initializing: 0 });
  });
});

describe("idle containers", () => {
  it("recycles a container idle for idleTimeoutSeconds (Assumption: Lambda recycles idle environments)", async () => {
    const fu = await start(await slowInitHandler("idle.mjs", 0), (c) => {
      c.functionUrl.idleTimeoutSeconds = 0.2;
    });
    const first = await sendSigned(fu, { path: "/" });
    expect(first.status).toBe(200);
    for (let i = 0; i < 100 && fu.server.stats().liveContainers > 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(fu.server.stats()).toMatchObject({ liveContainers: 0, reaped: 1, died: 0 });
    expect(fu.logs.some((l) => /container #1 recycled after \d+ s idle/.test(l))).toBe(true);
    const second = await sendSigned(fu, { path: "/" });
    expect(second.body).not.toBe(first.body);
    expect(fu.server.stats().coldStarts).toBe(2);
  });
});

describe("TypeScript handler compiled once", () => {
  const version = (v: string) =>
    `const answer: string = "${v}";\nexport const handler = async (): Promise<string> => answer;\n`;

  it("compiles once for every container, again after reload, and the new code runs", async () => {
    const source = path.join(dir, "compiled.ts");
    await writeFile(source, version("v1"));
    const fu = await start(source, (c) => {
      c.functionUrl.maxContainers = 4;
    });
    const compiled = () => fu.logs.filter((l) => l.startsWith("compiled compiled.ts once")).length;
    const first = await Promise.all([1, 2, 3].map(() => sendSigned(fu, { path: "/" })));
    // A non-streaming handler's return value arrives as its JSON
    // (docs/platform-facts.md#non-streaming-handler-behind-a-streaming-url).
    expect(first.map((r) => r.body)).toEqual(['"v1"', '"v1"', '"v1"']);
    expect(compiled()).toBe(1);
    await writeFile(source, version("v2"));
    fu.server.reload("test");
    expect((await sendSigned(fu, { path: "/" })).body).toBe('"v2"');
    expect(compiled()).toBe(2);
  });

  it("a source that does not compile fails Init with Runtime.UserCodeSyntaxError and the compiler's message (502)", async () => {
    const source = path.join(dir, "broken.ts");
    await writeFile(source, "export const handler = ;\n");
    const fu = await start(source);
    const r = await sendSigned(fu, { path: "/" });
    expect(r.status).toBe(502);
    expect(fu.logs.some((l) => l.startsWith("could not precompile broken.ts"))).toBe(true);
    expect(
      fu.logs.some(
        (l) => l.includes("init failed: Runtime.UserCodeSyntaxError") && l.includes("broken.ts:1:"),
      ),
    ).toBe(true);
  });
});
