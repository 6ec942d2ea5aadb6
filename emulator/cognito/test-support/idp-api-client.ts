/**
 * Test support for the Cognito emulator's API tests (not shipped; imported only by *.test.ts): a pool
 * driven in-process through supertest, on a clock the test sets, with callers for the IdP's AWS JSON 1.1
 * API. The server never listens; supertest hands requests to its Express app.
 */
import request from "supertest";
import { afterAll } from "vitest";
import type { CognitoConfig } from "../../config/types.js";
import { decodeJwt } from "../jwt.js";
import { type CognitoServer, createCognitoServer } from "../server.js";
import { tempStateDir, testPoolConfig } from "./cognito-pool.js";

export const AMZ = "application/x-amz-json-1.1";
export const TARGET = "AWSCognitoIdentityProviderService.";

/** supertest parses only application/json; the AWS JSON 1.1 body is parsed here. */
export async function amz(req: request.Test) {
  const res = await req;
  return { status: res.status, headers: res.headers, body: JSON.parse(res.text) };
}

export function payloadOf(token: string) {
  const decoded = decodeJwt(token);
  if (!decoded) throw new Error("not a JWT");
  return decoded;
}

/**
 * The pinned pool on a fresh state folder (removed by the calling test file's `afterAll`), its clock
 * starting at 2026-01-15 12:00 UTC. Tests move time by assigning `clock.now` and restore it after.
 */
export function idpApiPool() {
  const state = tempStateDir();
  const config: CognitoConfig = testPoolConfig();
  const clock = { now: Date.UTC(2026, 0, 15, 12, 0, 0) };
  const cognito: CognitoServer = createCognitoServer({
    config,
    region: "us-east-1",
    stateDir: state.dir,
    clock: () => clock.now,
  });
  const app = cognito.app;
  afterAll(() => state.remove());

  function call(op: string, body: unknown) {
    return amz(
      request(app)
        .post("/")
        .set("x-amz-target", `${TARGET}${op}`)
        .set("content-type", AMZ)
        .send(JSON.stringify(body)),
    );
  }
  function signIn(username = "alice", password = "Alice-Pass-1") {
    return call("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: config.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    });
  }
  return { state, config, clock, cognito, app, call, signIn };
}
