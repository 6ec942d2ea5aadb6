/**
 * The conformance fixtures: each is a handler module, its `_HANDLER`, and the requests sent to ONE
 * fresh Function URL (so container reuse is observable), plus what production does where a source
 * says so. Both runtimes must give the same observation; `expected` pins the production answer.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { bufferedUrlCases } from "./buffered-url-cases.js";
import { FAILED, type Fixture, LARGE_PAYLOAD_TIMEOUT_SECONDS } from "./fixture.js";
import { initFailures } from "./init-failure-cases.js";
import type { Observed } from "./observe.js";

export type { Fixture } from "./fixture.js";

const LAMBDA_SETS = ["LAMBDA_TASK_ROOT", "AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN", "AWS_XRAY_DAEMON_ADDRESS"];

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
export const fixtureFile = (name: string) => path.join(DIR, name);

const CUT = { status: 200, complete: false } as const;
const OK = { status: 200, complete: true, timing: "immediate" } as const;

/** Random container ids in `/state` bodies become C1, C2, ... by first appearance. */
function containerIds(observed: Observed[]): Observed[] {
  const ids = new Map<string, string>();
  return observed.map((o) => {
    const text = o.bodyText?.replace(/"containerId":"([^"]+)"/, (_m, id: string) => {
      if (!ids.has(id)) ids.set(id, `C${ids.size + 1}`);
      return `"containerId":"${ids.get(id)}"`;
    });
    return { ...o, bodyText: text, bodySha256: "<normalized>", bodyBytes: 0 };
  });
}

const streaming = (name: string, route: string, expected?: Partial<Observed>): Fixture => ({
  name,
  module: "streaming.mjs",
  paths: [route],
  expected: expected ? [expected] : undefined,
});

export function fixtures(syntaxErrorModule: string): Fixture[] {
  return [
    streaming("prelude: status, headers and cookies (RIC HttpResponseStream)", "/prelude-full", {
      ...OK,
      status: 201,
    }),
    streaming("prelude {}: status 200 by default (platform-facts: streaming handler)", "/prelude-empty", OK),
    streaming("prelude with a status only", "/prelude-status-only", { ...OK, status: 404 }),
    streaming("prelude with a multi-value header", "/prelude-list-header", OK),
    streaming("no prelude: 200 with the stream's default content type", "/no-prelude", OK),
    streaming("setContentType before the first write", "/set-content-type", OK),
    streaming(
      "setContentType after the first write throws (RIC: 'Cannot set content-type, too late.')",
      "/late-set-content-type",
      CUT,
    ),
    streaming("write strings (UTF-8)", "/write-string", OK),
    streaming("write a Buffer (every byte value)", "/write-buffer", OK),
    streaming("write a Uint8Array", "/write-uint8array", OK),
    streaming("write an object: the runtime sends its JSON", "/write-object", OK),
    streaming(
      "throw before the first write: 502 (platform-facts: errors during a stream)",
      "/throw-before-write",
      FAILED,
    ),
    streaming(
      "throw after the first write: the stream is cut (platform-facts, assumption)",
      "/throw-after-write",
      {
        ...CUT,
        timing: "immediate",
      },
    ),
    streaming("a rejected promise before writing: 502", "/reject-before-write", FAILED),
    streaming(
      "a thrown non-Error value: 502, errorType is its typeof (RIC formatError)",
      "/throw-non-error",
      FAILED,
    ),
    streaming("process.exit before writing: 502 Runtime.ExitError", "/process-exit", FAILED),
    streaming("process.exit after writing: the stream is cut", "/process-exit-after-write", CUT),
    streaming(
      "an unhandled rejection ends the runtime process (RIC installs no handler)",
      "/unhandled-rejection",
      FAILED,
    ),
    streaming("a never-ending stream is cut at the function timeout", "/never-ends", {
      ...CUT,
      timing: "timeout",
    }),
    streaming("a silent handler: 502 at the function timeout", "/silent-timeout", {
      ...FAILED,
      timing: "timeout",
    }),
    streaming(
      "a handler that resolves before end() hangs until the timeout (RIC streaming-invoke-processor)",
      "/resolves-before-end",
      { ...CUT, timing: "timeout" },
    ),
    streaming("end() after the handler resolved completes the response", "/end-after-resolve", OK),
    streaming(
      "end() without a write: no prelude, the connection is cut (aws/aws-lambda-nodejs-runtime-interface-client#95, assumption)",
      "/end-without-write",
      {
        status: 0,
        complete: false,
        timing: "immediate",
      },
    ),
    streaming("end() without a write and without a prelude: an empty 200", "/end-without-write-plain", OK),
    streaming("end(data) as the first call skips the prelude hook (Node's end())", "/end-with-data-first", {
      status: 0,
      complete: false,
    }),
    {
      ...streaming(
        "a body over 6 MB streams whole (200 MB limit, platform-facts: streaming limits)",
        "/big-body",
        {
          ...OK,
          bodyBytes: 7 * 1024 * 1024,
        },
      ),
      timeoutSeconds: LARGE_PAYLOAD_TIMEOUT_SECONDS,
    },
    streaming("a streaming handler's return value is ignored with a warning (RIC)", "/return-value", OK),
    streaming("console output in RIC's format: time, request id, level, message", "/console", OK),
    {
      ...streaming("context fields and getRemainingTimeInMillis (RIC ContextBuilder)", "/context", OK),
      body: ([json]) => {
        expect(json).toMatchObject({
          keys: [
            "awsRequestId",
            "clientContext",
            "functionName",
            "functionVersion",
            "getRemainingTimeInMillis",
            "identity",
            "invokedFunctionArn",
            "logGroupName",
            "logStreamName",
            "memoryLimitInMB",
            "tenantId",
            "xRayTraceId",
          ],
          requestIdMatches: true,
          functionVersion: "$LATEST",
          logStreamShape: true,
          logStreamIsEnv: true,
          remainingInRange: true,
          traceIdIsEnv: true,
        });
      },
    },
    {
      ...streaming(
        "environment: TZ=:UTC, AWS_* with the role's session and X-Ray's, LAMBDA_TASK_ROOT (Lambda guide configuration-envvars)",
        "/environment",
        OK,
      ),
      body: ([json]) => {
        expect(json).toMatchObject({
          TZ: ":UTC",
          utcOffsetMinutes: 0,
          LANG: "en_US.UTF-8",
          _HANDLER: "index.handler",
          AWS_EXECUTION_ENV: "AWS_Lambda_nodejs24.x",
          AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
          taskRootIsAbsolute: true,
          emulatorVariablesLeak: false,
        });
        // With what Lambda adds and a bare runtime client lacks: the role's session, X-Ray's variables.
        expect(json?.names).toEqual(expect.arrayContaining([...LAMBDA_SETS, "AWS_LAMBDA_RUNTIME_API"]));
      },
    },
    {
      ...streaming(
        "the awslambda global, with RIC's InvokeStore holding the invocation's ids",
        "/awslambda-global",
        OK,
      ),
      body: ([json]) => {
        expect(json).toEqual({
          keys: ["HttpResponseStream", "InvokeStore", "streamifyResponse"],
          requestId: true,
          traceId: true,
          hasContext: true,
        });
      },
    },
    streaming("the response stream's properties", "/stream-props", OK),
    {
      // On a warm container: RIC's keep-alive socket sends the completed response before the crash.
      name: "a write after end() ends the runtime process (RIC: unhandled rejection); the next request is cold",
      module: "streaming.mjs",
      paths: ["/state", "/write-after-end", "/state"],
      expected: [OK, OK, OK],
      coldStarts: 2,
      normalize: containerIds,
    },
    streaming("the event arrives as JSON: its keys and value types", "/event-shape", OK),
    streaming("/tmp is writable", "/tmp", OK),
    {
      name: "module state survives across warm invocations of one container",
      module: "streaming.mjs",
      paths: ["/state", "/state", "/state"],
      coldStarts: 1,
      normalize: containerIds,
    },
    {
      name: "after a crash the next request gets a fresh container (module state reset)",
      module: "streaming.mjs",
      paths: ["/state", "/state", "/process-exit", "/state"],
      coldStarts: 2,
      normalize: containerIds,
    },
    {
      name: "after a timeout the next request gets a fresh container",
      module: "streaming.mjs",
      paths: ["/state", "/silent-timeout", "/state"],
      coldStarts: 2,
      normalize: containerIds,
    },
    streaming(
      "an uncaught exception from a timer ends the runtime; the stream is cut",
      "/uncaught-exception",
      {
        ...CUT,
        timing: "immediate",
      },
    ),
    {
      name: "console output during Init carries no request id; the first request reports Init Duration",
      module: "init-log.mjs",
      paths: ["/", "/"],
      expected: [OK, OK],
      coldStarts: 1,
    },
    {
      name: "a streaming handler that is not async is refused when invoked (RIC)",
      module: "sync-streaming.mjs",
      paths: ["/"],
      expected: [FAILED],
    },
    {
      name: "not streamified: JSON of the return value, status 200, nothing interpreted (recorded: LocalStack snapshot)",
      module: "buffered.mjs",
      paths: ["/object", "/undefined", "/string"],
      expected: [OK, { ...OK, bodyText: "null" }, { ...OK, bodyText: '"just a string"' }],
      coldStarts: 1,
    },
    {
      name: "not streamified: a throw is a 502",
      module: "buffered.mjs",
      paths: ["/throw"],
      expected: [FAILED],
    },
    {
      // A streaming invocation copies a buffered response like a streamed one, under its own limit
      // (RIE directinvoke.go sendStreamingInvokeResponse): the 6 MB buffered limit does not apply.
      name: "not streamified: a return value over 6 MB streams whole (the streamed limit applies)",
      module: "buffered.mjs",
      paths: ["/big"],
      expected: [{ ...OK, bodyBytes: 7 * 1024 * 1024 + 2 }],
      timeoutSeconds: LARGE_PAYLOAD_TIMEOUT_SECONDS,
    },
    {
      name: "not streamified: a timeout is a 502 after the function timeout",
      module: "buffered.mjs",
      paths: ["/timeout"],
      expected: [{ ...FAILED, timing: "timeout" }],
    },
    ...initFailures(syntaxErrorModule),
    ...bufferedUrlCases(),
  ];
}
