import { afterAll, describe, expect, it } from "vitest";
import { FORBIDDEN_MESSAGE } from "./aws-errors.js";
import {
  fixtureHandlerConfig,
  type Running,
  send,
  sendSigned,
  startFunctionUrl,
} from "./test-support/harness.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Function URL policy, throttling and CORS settings", () => {
  const started: Running[] = [];
  afterAll(async () => {
    await Promise.all(started.map((r) => r.server.close()));
  });
  async function start(mutate: Parameters<typeof fixtureHandlerConfig>[0]): Promise<Running> {
    const r = await startFunctionUrl(fixtureHandlerConfig(mutate));
    started.push(r);
    return r;
  }

  it("refuses when the policy grants lambda:InvokeFunctionUrl but not lambda:InvokeFunction (since Oct 2025)", async () => {
    const fu = await start((c) => {
      c.functionUrl.permissions = c.functionUrl.permissions.filter(
        (p) => p.action !== "lambda:InvokeFunction",
      );
    });
    const r = await sendSigned(fu, { path: "/echo" });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({ Message: FORBIDDEN_MESSAGE });
    expect(fu.logs.some((l) => l.includes("missing lambda:InvokeFunction"))).toBe(true);
  });

  it("refuses a caller whose AWS:SourceArn is not the distribution in the policy", async () => {
    const fu = await start((c) => {
      c.credentials.cloudfront.sourceArn = "arn:aws:cloudfront::123456789012:distribution/EOTHERDIST";
    });
    const r = await sendSigned(fu, { path: "/echo" });
    expect(r.status).toBe(403);
  });

  it("reserved concurrency 0 turns the URL off: every request 429 (urls-configuration)", async () => {
    const fu = await start((c) => {
      c.functionUrl.reservedConcurrency = 0;
    });
    const r = await sendSigned(fu, { path: "/echo" });
    expect(r.status).toBe(429);
    expect(fu.server.stats().coldStarts).toBe(0);
  });

  it("AuthType NONE needs no signature but still the policy for principal *", async () => {
    const denied = await start((c) => {
      c.functionUrl.authType = "NONE";
    });
    expect(
      (await send(denied.port, { method: "GET", path: "/echo", headers: { host: denied.domain } })).status,
    ).toBe(403);
    const open = await start((c) => {
      c.functionUrl.authType = "NONE";
      c.functionUrl.permissions = [
        {
          statementId: "url",
          action: "lambda:InvokeFunctionUrl",
          principal: "*",
          functionUrlAuthType: "NONE",
        },
        { statementId: "fn", action: "lambda:InvokeFunction", principal: "*" },
      ];
    });
    const r = await send(open.port, {
      method: "GET",
      path: "/echo",
      headers: { host: open.domain, authorization: "Bearer x" },
    });
    expect(r.status).toBe(200);
    const event = JSON.parse(r.body).event;
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(event.headers.authorization).toBe("Bearer x");
  });

  it("answers a CORS preflight itself, without invoking or auth (assumption: platform-facts, Function URL CORS)", async () => {
    const fu = await start(() => {});
    const r = await send(fu.port, {
      method: "OPTIONS",
      path: "/chatbot",
      headers: {
        host: fu.domain,
        origin: "http://127.0.0.1:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(r.status).toBe(200);
    expect(r.headers["access-control-allow-origin"]).toBe("http://127.0.0.1:5173");
    expect(r.headers["access-control-allow-methods"]).toBe("POST");
    expect(r.headers["access-control-allow-headers"]).toBe(
      "authorization,content-type,x-amz-content-sha256,x-amz-date",
    );
    expect(r.headers["access-control-max-age"]).toBe("300");
    expect(fu.server.stats().invocations).toBe(0);
  });

  it("adds the configured CORS headers to responses and overrides the function's own", async () => {
    const fu = await start(() => {});
    const r = await sendSigned(fu, { path: "/paced?count=1", headers: { origin: "http://localhost:5173" } });
    expect(r.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    expect(r.headers["access-control-expose-headers"]).toBe("x-request-id");
  });

  it("refuses a streaming handler that is not async (RIC: 'Streaming does not support non-async handlers.')", async () => {
    const fu = await start((c) => {
      c.functionUrl.sourceEntry = c.functionUrl.sourceEntry.replace(
        "streaming-handlers.ts",
        "sync-handler.mjs",
      );
    });
    const r = await sendSigned(fu, { path: "/" });
    expect(r.status).toBe(502);
    expect(fu.logs.some((l) => l.includes("Streaming does not support non-async handlers."))).toBe(true);
  });

  it("sends the JSON of a non-streaming handler's return value with 200 (recorded: LocalStack AWS-validated snapshot)", async () => {
    const fu = await start((c) => {
      c.functionUrl.sourceEntry = c.functionUrl.sourceEntry.replace(
        "streaming-handlers.ts",
        "buffered-handler.mjs",
      );
    });
    const r = await sendSigned(fu, { path: "/" });
    expect(r.status).toBe(200);
    expect(r.headers["set-cookie"]).toBeUndefined();
    expect(JSON.parse(r.body)).toEqual({
      statusCode: 202,
      headers: { "content-type": "text/plain" },
      cookies: ["c=3"],
      body: "buffered body",
    });
  });

  it("answers 502 when the module throws during init, and logs the error as RIC reports it (its own type)", async () => {
    const fu = await start((c) => {
      c.functionUrl.sourceEntry = c.functionUrl.sourceEntry.replace(
        "streaming-handlers.ts",
        "init-error.mjs",
      );
    });
    const r = await sendSigned(fu, { path: "/" });
    expect(r.status).toBe(502);
    expect(fu.logs.some((l) => l.includes("init failed: Error: init failed on purpose"))).toBe(true);
  });

  it("loads the built bundle instead of the source when useBundle is set", async () => {
    const fu = await start((c) => {
      c.functionUrl.useBundle = true;
      c.functionUrl.bundleEntry = c.functionUrl.sourceEntry.replace(
        "streaming-handlers.ts",
        "buffered-handler.mjs",
      );
      c.functionUrl.sourceEntry = "/nonexistent/source.ts";
      // The bundle's file name is the module `_HANDLER` names.
      c.functionUrl.handler = "buffered-handler.handler";
    });
    const r = await sendSigned(fu, { path: "/" });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).body).toBe("buffered body");
  });

  it("throttles beyond 10 x reserved concurrency requests per second (urls-configuration)", async () => {
    let now = Date.now();
    const fu = await startFunctionUrl(
      fixtureHandlerConfig((c) => {
        c.functionUrl.reservedConcurrency = 1;
      }),
      { clock: () => now },
    );
    started.push(fu);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await sendSigned(fu, { path: "/counter" }, { signingDate: new Date(now) });
      statuses.push(r.status);
      await sleep(100); // one at a time, so only the rate (not concurrency) can refuse
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
    now += 1001;
    expect((await sendSigned(fu, { path: "/counter" }, { signingDate: new Date(now) })).status).toBe(200);
  });
});
