import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RicContainer } from "./ric-container.js";
import { type RuntimeEvent, startRuntimeApi } from "./runtime-api-server.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fu-ric-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function call(
  address: string,
  method: string,
  urlPath: string,
  body = "",
): Promise<{ status: number; text: string }> {
  const [host, port] = address.split(":");
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: Number(port), method, path: urlPath, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (p: Buffer) => parts.push(p));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString() }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

it("Runtime API: hands out an invocation with the Lambda-Runtime-* headers, refuses an unknown id and path", async () => {
  const events: RuntimeEvent[] = [];
  const api = await startRuntimeApi({ onEvent: (e) => events.push(e) });
  try {
    const next = new Promise<http.IncomingMessage>((resolve) => {
      const [host, port] = api.address.split(":");
      http.get(
        { host, port: Number(port), path: "/2018-06-01/runtime/invocation/next", agent: false },
        resolve,
      );
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
    expect(
      (await call(api.address, "POST", "/2018-06-01/runtime/invocation/other/response", "1")).status,
    ).toBe(400);
    expect((await call(api.address, "GET", "/2018-06-01/runtime/nothing")).status).toBe(404);
    const answer = await call(api.address, "POST", "/2018-06-01/runtime/invocation/req-1/response", '"ok"');
    expect(answer).toEqual({ status: 202, text: '{"status":"OK"}' });
    expect(events).toContainEqual({
      type: "buffered",
      requestId: "req-1",
      body: Buffer.from('"ok"'),
      contentType: "application/octet-stream",
    });
  } finally {
    await api.close();
  }
});

it("ric: a runtime process that cannot start fails the Init phase with the reason, never the emulator", async () => {
  const logs: string[] = [];
  let dead = false;
  const container = new RicContainer(
    1,
    { modulePath: "/none.mjs", handlerName: "handler", env: {}, timeoutSeconds: 3 },
    { runtime: "ric", taskRoot: path.join(dir, "no-such-task-root"), lambdaRuntime: "nodejs24.x" },
    (line) => logs.push(line),
    () => {
      dead = true;
    },
  );
  await expect(container.ready).rejects.toMatchObject({ errorType: "Runtime.Unknown" });
  expect(dead).toBe(true);
  expect(logs.some((l) => /^container #1 could not start: .*ENOENT/.test(l))).toBe(true);
  await container.stopped();
});
