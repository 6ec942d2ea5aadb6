/**
 * A function run from the zip Terraform deploys (`codeFrom: "artifact"`), under both container
 * runtimes: the zip unpacked and run as Lambda runs it, so a packaging mistake fails offline with the
 * error Lambda gives (the errors' texts are the runtime client's: aws-lambda-ric 4.0.2).
 */
import { afterAll, describe, expect, it } from "vitest";
import type { ContainerRuntime } from "./containers/execution-environment.js";
import { createFunctionUrlServer } from "./server.js";
import { fixtureHandlerConfig, type Running, sendSigned, startFunctionUrl } from "./test-support/harness.js";
import { zipFolder } from "./test-support/zip-package.js";

const zips = zipFolder();
afterAll(() => zips.remove());

const BUFFERED =
  'export const handler = async (event) => ({ statusCode: 200, body: "from the zip " + event.rawPath });\n';

async function serve(zip: string, runtime: ContainerRuntime, handler = "index.handler"): Promise<Running> {
  return startFunctionUrl(
    fixtureHandlerConfig((c) => {
      c.functionUrl.codeFrom = "artifact";
      c.functionUrl.artifact = zip;
      c.functionUrl.handler = handler;
      c.functionUrl.invokeMode = "BUFFERED";
      c.functionUrl.containerRuntime = runtime;
    }),
  );
}

async function firstAnswer(fu: Running): Promise<{ status: number; body: string; initError?: string }> {
  try {
    const r = await sendSigned(fu, { path: "/hello" });
    const line = fu.logs.find((l) => / init failed: /.test(l));
    return {
      status: r.status,
      body: r.body,
      initError: line?.replace(/^.* init failed: /, "").split(/[\r\n]/)[0],
    };
  } finally {
    await fu.server.close();
  }
}

describe.each(["worker", "ric"] as const)("the deployed zip (%s runtime)", (runtime) => {
  it("runs the handler the zip holds, from a nested path too", async () => {
    const flat = await firstAnswer(
      await serve(zips.zip(`flat-${runtime}`, { "index.mjs": BUFFERED }), runtime),
    );
    expect(flat).toMatchObject({ status: 200, body: "from the zip /hello" });
    const nested = zips.zip(`nested-${runtime}`, { "src/app.mjs": BUFFERED });
    expect(await firstAnswer(await serve(nested, runtime, "src/app.handler"))).toMatchObject({ status: 200 });
  });

  it("a missing handler export fails Init with Runtime.HandlerNotFound (502)", async () => {
    const zip = zips.zip(`no-export-${runtime}`, { "index.mjs": "export const other = async () => 1;\n" });
    expect(await firstAnswer(await serve(zip, runtime))).toMatchObject({
      status: 502,
      initError: "Runtime.HandlerNotFound: index.handler is undefined or not exported",
    });
  });

  it("a wrong file name fails Init with Runtime.ImportModuleError (502)", async () => {
    const zip = zips.zip(`wrong-name-${runtime}`, { "handler.mjs": BUFFERED });
    const answer = await firstAnswer(await serve(zip, runtime));
    expect(answer.status).toBe(502);
    expect(answer.initError).toBe("Runtime.ImportModuleError: Error: Cannot find module 'index'");
  });

  it("a dependency left out of the zip fails, though the repository has it installed", async () => {
    const zip = zips.zip(`no-dependency-${runtime}`, {
      "index.mjs": `import { z } from "zod";\n${BUFFERED}export const schema = z;\n`,
    });
    const answer = await firstAnswer(await serve(zip, runtime));
    expect(answer.status).toBe(502);
    expect(answer.initError).toMatch(/Cannot find package 'zod'/);
  });
});

it("refuses at start a function whose zip does not exist, naming both", () => {
  const config = fixtureHandlerConfig((c) => {
    c.functionUrl.codeFrom = "artifact";
    c.functionUrl.artifact = "/nonexistent/fn.zip";
  });
  expect(() => createFunctionUrlServer({ config })).toThrow(
    "function chatbot-query: its package /nonexistent/fn.zip does not exist; build it first (Terraform's filename names it)",
  );
});
