/**
 * A fault of the emulator itself: answered as SSM's InternalServerError in the AWS JSON 1.1 form, with
 * the request's id, never the fault's text; logged with its stack.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { postRaw, type RunningSsm, startSsm } from "./test-support/ssm-harness.js";

let running: RunningSsm;
let clockBroken = false;
beforeAll(async () => {
  // The signature's time check reads the clock: a clock that fails is a fault inside the emulator.
  running = await startSsm(undefined, {
    clock: () => {
      if (clockBroken) throw new Error("clock stopped: secret detail");
      return Date.now();
    },
  });
});
afterAll(() => running.close());

it("answers 500 InternalServerError without the fault's text, logs its stack, and keeps serving", async () => {
  clockBroken = true;
  const raw = await postRaw(
    running,
    "GetParameter",
    JSON.stringify({ Name: "/chatbot/gemini-api-key", WithDecryption: true }),
  );
  clockBroken = false;
  expect(raw.status).toBe(500);
  expect(raw.headers.get("content-type")).toBe("application/x-amz-json-1.1");
  expect(raw.headers.get("x-amzn-errortype")).toBe("InternalServerError");
  expect(raw.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
  expect(JSON.parse(raw.text)).toEqual({
    __type: "InternalServerError",
    message: "Internal error in the local SSM emulator.",
  });
  expect(running.logs.join("\n")).toMatch(/internal error: Error: clock stopped: secret detail\n\s+at /);
  expect(running.logs).toContain("GetParameter - by an unverified caller: InternalServerError");
  const again = await postRaw(
    running,
    "GetParameter",
    JSON.stringify({ Name: "/chatbot/gemini-api-key", WithDecryption: true }),
  );
  expect(again.status).toBe(200);
});
