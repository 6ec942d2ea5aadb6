/**
 * A fault of the emulator itself, wherever it happens (the IdP API, the dev routes): answered as
 * Cognito's InternalErrorException in the AWS JSON form, never Express's page (which shows the stack),
 * and logged with its stack.
 */
import request from "supertest";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createCognitoServer } from "./server.js";
import { tempStateDir, testPoolConfig } from "./test-support/cognito-pool.js";

const state = tempStateDir();
const logs: string[] = [];
let clockBroken = false;
const config = testPoolConfig();
const cognito = createCognitoServer({
  config,
  region: "us-east-1",
  stateDir: state.dir,
  log: (line) => logs.push(line),
  // Signing and sign-in read the clock: a clock that fails is a fault inside the emulator.
  clock: () => {
    if (clockBroken) throw new Error("clock stopped: secret detail");
    return Date.now();
  },
});
// The pool's keys are made with a working clock; only the requests meet the broken one.
beforeAll(() => cognito.keys.ready);
beforeEach(() => {
  logs.length = 0;
  clockBroken = true;
});
afterAll(() => state.remove());

const INTERNAL = {
  __type: "InternalErrorException",
  message: "Internal error in the local Cognito emulator.",
};

function expectCognitoInternalError(res: request.Response): void {
  expect(res.status).toBe(500);
  expect(res.headers["content-type"]).toBe("application/x-amz-json-1.1");
  expect(res.headers["x-amzn-errortype"]).toBe("InternalErrorException");
  expect(JSON.parse(res.text)).toEqual(INTERNAL);
  expect(logs.join("\n")).toMatch(/internal error: Error: clock stopped: secret detail\n\s+at /);
}

it("an IdP API call that meets a fault gets InternalErrorException with its request id", async () => {
  const res = await request(cognito.app)
    .post("/")
    .set("x-amz-target", "AWSCognitoIdentityProviderService.InitiateAuth")
    .set("content-type", "application/x-amz-json-1.1")
    .send(
      JSON.stringify({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: config.clientId,
        AuthParameters: { USERNAME: "alice", PASSWORD: "Alice-Pass-1" },
      }),
    );
  expectCognitoInternalError(res);
  expect(res.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
});

it("a dev route that meets a fault gets the same answer, not a page with the stack", async () => {
  const res = await request(cognito.app).post("/_dev/tokens").send({ username: "alice" });
  expectCognitoInternalError(res);
  expect(res.text).not.toContain("secret detail");
});
