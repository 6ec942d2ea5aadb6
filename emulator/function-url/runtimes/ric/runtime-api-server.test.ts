/**
 * The local Runtime API against the answers of the Runtime Interface Emulator
 * (aws/aws-lambda-runtime-interface-emulator, commit 4fa2157): `rapi/rendering/render_error.go`,
 * `rapi/handler/invocationresponse.go`, `core/states.go`, `core/directinvoke/directinvoke.go`.
 */
import http from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type RuntimeApi, type RuntimeEvent, startRuntimeApi } from "./runtime-api-server.js";

const PREFIX = "/2018-06-01/runtime";
const running: RuntimeApi[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((api) => api.close()));
});

interface Answer {
  status: number;
  contentType: string | undefined;
  text: string;
}

/** One request to the API; `chunks` are written one by one (chunked), `headers` sent as given. */
function call(
  api: RuntimeApi,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; chunks?: (string | Buffer)[] } = {},
): Promise<Answer> {
  const [host, port] = api.address.split(":");
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host, port: Number(port), method, path, headers: options.headers, agent: false },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (p: Buffer) => parts.push(p));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers["content-type"],
            text: Buffer.concat(parts).toString(),
          }),
        );
      },
    );
    req.on("error", reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

/** An API with one invocation (`req-1`) handed out to a runtime that asked for it. */
async function withInvocation(
  maxResponseBytes?: number,
): Promise<{ api: RuntimeApi; events: RuntimeEvent[] }> {
  const events: RuntimeEvent[] = [];
  const api = await startRuntimeApi({ onEvent: (e) => events.push(e), maxResponseBytes });
  running.push(api);
  const next = new Promise<http.IncomingMessage>((resolve) => {
    const [host, port] = api.address.split(":");
    http.get({ host, port: Number(port), path: `${PREFIX}/invocation/next`, agent: false }, resolve);
  });
  api.invoke(
    { requestId: "req-1", deadlineMs: 1_900_000_000_000, functionArn: "arn:x", traceId: "Root=1-a" },
    "{}",
  );
  const res = await next;
  res.resume();
  expect(res.headers).toMatchObject({
    "lambda-runtime-aws-request-id": "req-1",
    "lambda-runtime-deadline-ms": "1900000000000",
    "lambda-runtime-invoked-function-arn": "arn:x",
    "lambda-runtime-trace-id": "Root=1-a",
  });
  expect(res.headers["lambda-runtime-client-context"]).toBeUndefined();
  return { api, events };
}

const response = (id: string) => `${PREFIX}/invocation/${id}/response`;
const STREAMING = { "lambda-runtime-function-response-mode": "streaming", "content-type": "text/plain" };

describe("answers to the runtime (RIE render_error.go: JSON, newline-terminated)", () => {
  it("an id that is not the invocation in flight: 400 InvalidRequestID, RIE's exact body; then the right one is taken", async () => {
    const { api, events } = await withInvocation();
    expect(await call(api, "POST", response("other"), { chunks: ["1"] })).toEqual({
      status: 400,
      contentType: "application/json",
      text: '{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}\n',
    });
    expect(await call(api, "POST", response("req-1"), { chunks: ['"ok"'] })).toEqual({
      status: 202,
      contentType: "application/json",
      text: '{"status":"OK"}\n',
    });
    expect(events).toContainEqual({
      type: "buffered",
      requestId: "req-1",
      body: Buffer.from('"ok"'),
      contentType: "application/octet-stream",
    });
  });

  it("a second answer for the same invocation: 403 InvalidStateTransition (core/states.go), not a second response", async () => {
    const { api, events } = await withInvocation();
    expect((await call(api, "POST", response("req-1"), { chunks: ['"first"'] })).status).toBe(202);
    expect(await call(api, "POST", response("req-1"), { chunks: ['"second"'] })).toMatchObject({
      status: 403,
      text: '{"errorMessage":"State transition from RuntimeResponseSentState to InvocationResponse failed for runtime. Error: State transition is not allowed","errorType":"InvalidStateTransition"}\n',
    });
    const error = await call(api, "POST", `${PREFIX}/invocation/req-1/error`, { chunks: ["{}"] });
    expect(JSON.parse(error.text)).toEqual({
      errorMessage:
        "State transition from RuntimeResponseSentState to InvocationErrorResponse failed for runtime. Error: State transition is not allowed",
      errorType: "InvalidStateTransition",
    });
    expect(events.filter((e) => e.type === "buffered" || e.type === "invocation-error")).toHaveLength(1);
  });

  it("a response mode other than exactly `streaming`: 400 InvalidFunctionResponseMode, the invocation fails with Runtime.InvalidResponseModeHeader", async () => {
    const { api, events } = await withInvocation();
    const answer = await call(api, "POST", response("req-1"), {
      headers: { "lambda-runtime-function-response-mode": "Streaming" },
      chunks: ["body"],
    });
    expect(answer).toMatchObject({
      status: 400,
      text: '{"errorMessage":"Invalid function response mode","errorType":"InvalidFunctionResponseMode"}\n',
    });
    expect(events).toContainEqual({
      type: "invocation-error",
      requestId: "req-1",
      error: { errorType: "Runtime.InvalidResponseModeHeader", errorMessage: "" },
    });
    expect(events.some((e) => e.type === "stream-start" || e.type === "buffered")).toBe(false);
  });

  it("a path outside the API: 404", async () => {
    const { api } = await withInvocation();
    expect((await call(api, "GET", `${PREFIX}/nothing`)).status).toBe(404);
  });
});

describe("the response limit (RIE directinvoke.go: the copy stops one byte past it; invocationresponse.go: 413)", () => {
  const TOO_LARGE =
    '{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}\n';

  it("a streamed response past it: 413 with the buffered limit's message, max+1 bytes passed on, the stream over", async () => {
    const { api, events } = await withInvocation(10);
    const answer = await call(api, "POST", response("req-1"), {
      headers: STREAMING,
      chunks: ["123456", "789012", "345"],
    });
    expect(answer).toMatchObject({ status: 413, text: TOO_LARGE });
    const passed = events.flatMap((e) => (e.type === "stream-chunk" ? [e.data.toString()] : []));
    expect(passed.join("")).toBe("12345678901");
    expect(events.filter((e) => e.type === "stream-end")).toEqual([
      { type: "stream-end", requestId: "req-1" },
    ]);
  });

  it("a streamed response of exactly the limit: 202", async () => {
    const { api } = await withInvocation(10);
    const answer = await call(api, "POST", response("req-1"), {
      headers: STREAMING,
      chunks: ["12345", "67890"],
    });
    expect(answer.status).toBe(202);
  });

  it("a buffered response in a streaming invocation is held to the same limit", async () => {
    const { api, events } = await withInvocation(10);
    expect(await call(api, "POST", response("req-1"), { chunks: ['"0123456789"'] })).toMatchObject({
      status: 413,
      text: TOO_LARGE,
    });
    expect(events.some((e) => e.type === "buffered")).toBe(true);
  });
});

it("sets no deadline on a request: a streamed response lasts as long as the function runs", async () => {
  // Node's default (300 s) would answer 408 to a stream still open after five minutes, which a function
  // with a longer timeout (Lambda allows 900 s) may well be.
  const createServer = vi.spyOn(http, "createServer");
  try {
    running.push(await startRuntimeApi({ onEvent: () => {} }));
    const [options] = createServer.mock.calls[0] ?? [];
    expect(options).toMatchObject({ requestTimeout: 0 });
  } finally {
    createServer.mockRestore();
  }
});
