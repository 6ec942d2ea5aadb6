/**
 * Several functions behind the one Function URL listener, each URL told apart by its virtual host
 * (`<url-id>.lambda-url.<region>.on.aws`, as AWS gives each URL its own host), each with its own auth
 * type, permissions, invoke mode, containers and log lines.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StackEvents } from "../common/stack-events.js";
import { functionUrlDomain } from "../config/defaults.js";
import { FunctionUrlConfigError } from "./config-error.js";
import { createFunctionUrlServer } from "./server.js";
import {
  FIXTURES,
  fixtureHandlerConfig,
  type Running,
  send,
  sendSigned,
  startFunctionUrl,
} from "./test-support/harness.js";
import { addFunction, PUBLIC_PERMISSIONS } from "./test-support/second-function.js";

const BUFFERED = `${FIXTURES}/buffered-url-handlers.mjs`;

describe("two functions on one Function URL listener", () => {
  let fu: Running;
  let openHost: string;
  const events = new StackEvents();
  const containerIds: number[] = [];
  beforeAll(async () => {
    const config = fixtureHandlerConfig((c) => {
      const open = addFunction(c, "open-report", {
        authType: "NONE",
        invokeMode: "BUFFERED",
        permissions: PUBLIC_PERMISSIONS,
        sourceEntry: BUFFERED,
        bundleEntry: BUFFERED,
        handler: "buffered-url-handlers.handler",
      });
      openHost = functionUrlDomain(c, open);
    });
    events.on("invocation:bound", ({ containerId }) => containerIds.push(containerId));
    fu = await startFunctionUrl(config, { events });
  });
  afterAll(() => fu.server.close());

  it("routes by Host: the second URL's host reaches the second function, unsigned (auth type NONE)", async () => {
    const r = await send(fu.port, { method: "GET", path: "/object", headers: { host: openHost } });
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"hello":"world"}');
    expect(r.headers["content-length"]).toBe("17");
  });

  it("the first URL (AWS_IAM, streaming) still refuses an unsigned call and serves a signed one", async () => {
    const unsigned = await send(fu.port, { method: "GET", path: "/echo", headers: { host: fu.domain } });
    expect(unsigned.status).toBe(403);
    const signed = await sendSigned(fu, { path: "/echo" });
    expect(signed.status).toBe(200);
    expect(signed.headers["transfer-encoding"]).toBe("chunked");
  });

  it('answers an unknown url-id like AWS: 403 {"Message":null}', async () => {
    const r = await send(fu.port, {
      method: "GET",
      path: "/",
      headers: { host: "nosuchurlid.lambda-url.us-east-1.on.aws" },
    });
    expect(r.status).toBe(403);
    expect(r.body).toBe('{"Message":null}');
  });

  it("keeps each function's containers, logs and reloads apart", async () => {
    expect(fu.server.stats("open-report").coldStarts).toBe(1);
    expect(fu.server.stats().coldStarts).toBe(1);
    expect(fu.logs.some((l) => l.startsWith("open-report: START RequestId: "))).toBe(true);
    expect(
      fu.logs.some((l) => l.startsWith(`${fu.config.functionUrl.functionName}: START RequestId: `)),
    ).toBe(true);
    // One numbering for both pools: each container's number names it alone (the inspector relies on it).
    expect(new Set(containerIds).size).toBe(2);
    fu.server.reload("test", "open-report");
    await send(fu.port, { method: "GET", path: "/object", headers: { host: openHost } });
    expect(fu.server.stats("open-report").coldStarts).toBe(2);
    expect(fu.server.stats().coldStarts).toBe(1);
  });

  it("the NONE URL still needs its public permissions: without lambda:InvokeFunction, 403", async () => {
    const config = fixtureHandlerConfig((c) => {
      addFunction(c, "half-open", {
        authType: "NONE",
        permissions: PUBLIC_PERMISSIONS.filter((p) => p.action !== "lambda:InvokeFunction"),
      });
    });
    const other = await startFunctionUrl(config);
    try {
      const host = functionUrlDomain(config, config.functions?.["half-open"]);
      const r = await send(other.port, { method: "GET", path: "/echo", headers: { host } });
      expect(r.status).toBe(403);
      expect(other.logs.some((l) => l.includes("missing lambda:InvokeFunction"))).toBe(true);
    } finally {
      await other.server.close();
    }
  });
});

it("refuses two URLs with one url-id before it listens", () => {
  const config = fixtureHandlerConfig((c) => {
    addFunction(c, "twin", { urlId: c.functionUrl.urlId });
  });
  expect(() => createFunctionUrlServer({ config })).toThrow(FunctionUrlConfigError);
});
