/**
 * What the URL's client gets past Lambda's limits on a streamed response, and for a prelude that names
 * a Content-Encoding, under both container runtimes. Sources: the Runtime Interface Emulator
 * (aws/aws-lambda-runtime-interface-emulator, commit 4fa2157: `core/directinvoke/directinvoke.go`,
 * `core/bandwidthlimiter`, `interop/model.go`) and aws/aws-lambda-nodejs-runtime-interface-client#96
 * (a gzip body reaches the client decompressed, without its Content-Encoding). Limits are made small
 * here; the defaults are AWS's.
 */
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResponseLimits, StackConfig } from "../config/types.js";
import {
  FIXTURES,
  fixtureHandlerConfig,
  type Running,
  sendSigned,
  signHeaders,
  startFunctionUrl,
} from "./test-support/harness.js";

const PRELUDE_BYTES =
  Buffer.byteLength(JSON.stringify({ statusCode: 200, headers: { "content-type": "text/plain" } })) + 8;

const started: Running[] = [];
afterAll(async () => {
  await Promise.all(started.map((r) => r.server.close()));
});

async function start(runtime: "worker" | "ric", limits: Partial<ResponseLimits>, handler = "index.handler") {
  const fu = await startFunctionUrl(
    fixtureHandlerConfig((c: StackConfig) => {
      c.functionUrl.sourceEntry = path.join(FIXTURES, "limits-handlers.mjs");
      c.functionUrl.handler = handler;
      c.functionUrl.containerRuntime = runtime;
      c.functionUrl.responseLimits = { ...c.functionUrl.responseLimits, ...limits };
    }),
  );
  started.push(fu);
  return fu;
}

/**
 * A signed GET read off the socket itself: the exact body bytes the server sent before it closed, and
 * whether the chunked body ended properly (an HTTP client drops what it buffered when a stream is cut).
 */
async function readCut(
  fu: Running,
  target: string,
): Promise<{ status: number; body: string; complete: boolean }> {
  const headers = await signHeaders(
    { method: "GET", host: fu.domain, path: target, headers: {} },
    { credential: fu.config.credentials.cloudfront },
  );
  const lines = [`GET ${target} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  const raw = await new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    const socket = net.connect(fu.port, "127.0.0.1", () => socket.write(`${lines.join("\r\n")}\r\n\r\n`));
    socket.on("data", (part) => parts.push(part));
    socket.on("close", () => resolve(Buffer.concat(parts)));
    socket.on("error", reject);
  });
  const split = raw.indexOf("\r\n\r\n");
  const status = Number(raw.subarray(9, 12).toString());
  let rest = raw.subarray(split + 4);
  const body: Buffer[] = [];
  for (;;) {
    const eol = rest.indexOf("\r\n");
    if (eol < 0) return { status, body: Buffer.concat(body).toString(), complete: false };
    const size = Number.parseInt(rest.subarray(0, eol).toString(), 16);
    if (size === 0) return { status, body: Buffer.concat(body).toString(), complete: true };
    body.push(rest.subarray(eol + 2, eol + 2 + size));
    rest = rest.subarray(eol + 2 + size + 2);
  }
}

/** Resolves once a log line matches (the invocation's END comes after the client's cut). */
async function logged(fu: Running, pattern: RegExp): Promise<boolean> {
  for (let waited = 0; waited < 5000; waited += 25) {
    if (fu.logs.some((l) => pattern.test(l))) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

const TOO_LARGE =
  "Function.ResponseSizeTooLarge: Response payload size (4001 bytes) exceeded maximum allowed payload size (4000 bytes).";

describe.each(["worker", "ric"] as const)("%s runtime", (runtime) => {
  describe("a streamed response past the limit (4000 bytes here; 200 MB in Lambda)", () => {
    let fu: Running;
    beforeAll(async () => {
      fu = await start(runtime, { maxBytes: 4000 });
    });

    it("the client gets the first 4001 bytes the runtime sent (prelude included), then a cut; the invocation fails", async () => {
      const r = await readCut(fu, "/bytes?size=10000&chunk=1000");
      expect(r.status).toBe(200);
      expect(r.complete).toBe(false);
      expect(r.body).toBe("x".repeat(4001 - PRELUDE_BYTES));
      expect(fu.logs.some((l) => l.endsWith(TOO_LARGE))).toBe(true);
      expect(await logged(fu, /ERROR Invoke Error \{"errorType":"Function.ResponseSizeTooLarge"/)).toBe(true);
    });

    it("a response of exactly the limit is delivered whole", async () => {
      const r = await sendSigned(fu, { path: `/bytes?size=${4000 - PRELUDE_BYTES}&chunk=1000` });
      expect(r.complete).toBe(true);
      expect(r.body).toHaveLength(4000 - PRELUDE_BYTES);
    });
  });

  describe("a buffered response in a streaming invocation: the streamed limit, not the 6 MB buffered one", () => {
    it("over 6 MiB but under the streamed limit: 200 with the whole body (RIE sendStreamingInvokeResponse)", async () => {
      const fu = await start(runtime, {}, "index.buffered");
      const size = 6 * 1024 * 1024 + 1000;
      const r = await sendSigned(fu, { path: `/?size=${size}` });
      expect(r.status).toBe(200);
      expect(r.complete).toBe(true);
      expect(r.body).toBe(JSON.stringify({ padding: "y".repeat(size) }));
    });

    it("past the streamed limit: its first max+1 bytes, then a cut, Function.ResponseSizeTooLarge", async () => {
      const fu = await start(runtime, { maxBytes: 4000 }, "index.buffered");
      const r = await readCut(fu, "/?size=5000");
      expect(r.status).toBe(200);
      expect(r.complete).toBe(false);
      expect(r.body).toBe(JSON.stringify({ padding: "y".repeat(5000) }).slice(0, 4001));
      expect(fu.logs.some((l) => l.endsWith(TOO_LARGE))).toBe(true);
    });
  });

  it("bandwidth past the burst (2000 bytes here, 6 MiB in Lambda): the rest paced at the refill rate", async () => {
    // 2000 bytes every 125 ms: 10,000 bytes need at least four refills after the burst.
    const fu = await start(runtime, { burstBytes: 2000, bytesPerSecond: 16_000 });
    const r = await sendSigned(fu, { path: "/bytes?size=10000" });
    expect(r.complete).toBe(true);
    expect(r.body).toHaveLength(10_000);
    const spread = (r.chunks.at(-1)?.at ?? 0) - (r.chunks[0]?.at ?? 0);
    expect(spread).toBeGreaterThanOrEqual(450);
  });

  describe("a prelude naming a Content-Encoding (aws/aws-lambda-nodejs-runtime-interface-client#96): the body decoded, the header gone", () => {
    let fu: Running;
    beforeAll(async () => {
      fu = await start(runtime, {});
    });

    it.each(["gzip", "br", "deflate"])("%s", async (encoding) => {
      const r = await sendSigned(fu, { path: `/encoded?encoding=${encoding}` });
      expect(r.complete).toBe(true);
      expect(r.headers["content-encoding"]).toBeUndefined();
      expect(r.body).toBe("hello, streamed world");
    });

    it("a coding no Function URL decodes passes through with its header (Assumption)", async () => {
      const r = await sendSigned(fu, { path: "/encoded?encoding=zstd&compress=gzip" });
      expect(r.headers["content-encoding"]).toBe("zstd");
      expect(r.body).not.toContain("hello");
    });

    it("a body that does not decode is cut", async () => {
      const r = await sendSigned(fu, { path: "/encoded?encoding=gzip&corrupt=1" });
      expect(r.status).toBe(200);
      expect(r.complete).toBe(false);
      expect(fu.logs.some((l) => l.includes("response body does not decode as its content-encoding"))).toBe(
        true,
      );
    });
  });
});
