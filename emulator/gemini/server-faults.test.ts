/**
 * A fault of the stub itself, in an Express route or in a model call the body parser called back:
 * answered in Google's error shape as the stub's own (`Stub internal error`), logged with its stack,
 * and the stub keeps serving.
 */
import request from "supertest";
import { beforeEach, expect, it } from "vitest";
import { defaultConfig } from "../config/defaults.js";
import { createGeminiServer } from "./server.js";
import { GENERATE_PATH, userTurn } from "./test-support/stub-client.js";

const config = defaultConfig().gemini;
const logs: string[] = [];
let clockBroken = false;
// The model catalogue is read at the stub's today: a clock that fails is a fault inside the stub.
const stub = createGeminiServer({
  config,
  log: (line) => logs.push(line),
  clock: () => {
    if (clockBroken) throw new Error("clock stopped: secret detail");
    return new Date();
  },
});
beforeEach(() => {
  logs.length = 0;
  clockBroken = true;
});

function expectStubInternalError(res: request.Response): void {
  expect(res.status).toBe(500);
  expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(res.body).toEqual({ error: { code: 500, message: "Stub internal error", status: "INTERNAL" } });
  expect(logs.join("\n")).toMatch(/internal error: Error: clock stopped: secret detail\n\s+at /);
}

it("a route's fault (the model listing)", async () => {
  const res = await request(stub.app).get("/v1beta/models").set("x-goog-api-key", config.apiKey);
  expectStubInternalError(res);
});

it("a model call's fault, met after the body was read", async () => {
  const res = await request(stub.app)
    .post(GENERATE_PATH)
    .set("x-goog-api-key", config.apiKey)
    .set("content-type", "application/json")
    .send(JSON.stringify(userTurn("hello")));
  expectStubInternalError(res);
  clockBroken = false;
  expect((await request(stub.app).get("/v1beta/models").set("x-goog-api-key", config.apiKey)).status).toBe(
    200,
  );
});
