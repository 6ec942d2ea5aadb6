import { randomBytes } from "node:crypto";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createCognitoServer } from "./server.js";
import { claimSignature, clientKey, G, modPow, N } from "./srp.js";
import { testPoolConfig } from "./test-support/cognito-pool.js";
import { AMZ, amz, idpApiPool, payloadOf, TARGET } from "./test-support/idp-api-client.js";

const { state, config, clock, cognito, app, call, signIn } = idpApiPool();

describe("InitiateAuth (Cognito API reference)", () => {
  it("USER_PASSWORD_AUTH returns Bearer tokens and a refresh token", async () => {
    const res = await signIn();
    expect(res.status).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers["content-type"]).toContain(AMZ);
    expect(res.body.ChallengeParameters).toEqual({});
    const result = res.body.AuthenticationResult;
    expect(result).toMatchObject({ TokenType: "Bearer", ExpiresIn: 3600 });
    expect(result.RefreshToken.split(".")).toHaveLength(5);
  });

  it("shapes the ID token as Cognito does (Cognito developer guide, ID token)", async () => {
    const { body } = await signIn();
    const { header, payload } = payloadOf(body.AuthenticationResult.IdToken);
    expect(header).toEqual({ kid: cognito.keys.current("id").kid, alg: "RS256" });
    const t = Math.floor(clock.now / 1000);
    expect(payload).toEqual({
      sub: "0a8e3c1e-5d7b-4a7e-9f51-3c1d2b6a9e01",
      "cognito:groups": ["students"],
      email_verified: true,
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${config.userPoolId}`,
      "cognito:username": "alice",
      origin_jti: expect.any(String),
      aud: config.clientId,
      event_id: expect.any(String),
      token_use: "id",
      auth_time: t,
      exp: t + 3600,
      iat: t,
      jti: expect.any(String),
      email: "alice@example.com",
    });
  });

  it("omits cognito:groups for a user in no group", async () => {
    const { body } = await signIn("bob", "Bob-Pass-1");
    expect(payloadOf(body.AuthenticationResult.IdToken).payload).not.toHaveProperty("cognito:groups");
  });

  it("shapes the access token as Cognito does: client_id, no aud, its own key (Cognito developer guide)", async () => {
    const { body } = await signIn();
    const { header, payload } = payloadOf(body.AuthenticationResult.AccessToken);
    expect(header.kid).toBe(cognito.keys.current("access").kid);
    expect(header.kid).not.toBe(cognito.keys.current("id").kid);
    expect(payload).not.toHaveProperty("aud");
    expect(payload).toMatchObject({
      client_id: config.clientId,
      token_use: "access",
      scope: "aws.cognito.signin.user.admin",
      username: "alice",
      sub: "0a8e3c1e-5d7b-4a7e-9f51-3c1d2b6a9e01",
    });
    for (const c of ["iss", "auth_time", "iat", "exp", "jti", "origin_jti", "event_id"])
      expect(payload).toHaveProperty(c);
    const id = payloadOf(body.AuthenticationResult.IdToken).payload;
    expect(payload.origin_jti).toBe(id.origin_jti);
    expect(payload.event_id).toBe(id.event_id);
  });

  it("refuses a wrong password with NotAuthorizedException", async () => {
    const res = await signIn("alice", "wrong");
    expect(res.status).toBe(400);
    expect(res.headers["x-amzn-errortype"]).toBe("NotAuthorizedException");
    expect(res.body).toEqual({
      __type: "NotAuthorizedException",
      message: "Incorrect username or password.",
    });
  });

  it("answers UserNotFoundException for an unknown user (PreventUserExistenceErrors LEGACY, the API default)", async () => {
    const res = await signIn("mallory", "x");
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ __type: "UserNotFoundException", message: "User does not exist." });
  });

  it("hides user existence when preventUserExistenceErrors is on", async () => {
    const strict = createCognitoServer({
      config: testPoolConfig({ preventUserExistenceErrors: true }),
      region: "us-east-1",
      stateDir: state.dir,
    });
    const res = await amz(
      request(strict.app)
        .post("/")
        .set("x-amz-target", `${TARGET}InitiateAuth`)
        .set("content-type", AMZ)
        .send(
          JSON.stringify({
            AuthFlow: "USER_PASSWORD_AUTH",
            ClientId: config.clientId,
            AuthParameters: { USERNAME: "mallory", PASSWORD: "x" },
          }),
        ),
    );
    expect(res.body).toEqual({
      __type: "NotAuthorizedException",
      message: "Incorrect username or password.",
    });
  });

  it("answers ResourceNotFoundException for a wrong ClientId", async () => {
    const res = await call("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: "nosuchclient",
      AuthParameters: { USERNAME: "alice", PASSWORD: "Alice-Pass-1" },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      __type: "ResourceNotFoundException",
      message: "User pool client nosuchclient does not exist.",
    });
  });

  it("answers InvalidParameterException for missing members and parameters", async () => {
    const noClient = await call("InitiateAuth", { AuthFlow: "USER_PASSWORD_AUTH" });
    expect(noClient.body.__type).toBe("InvalidParameterException");
    expect(noClient.body.message).toContain("'clientId'");
    const noPassword = await call("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: config.clientId,
      AuthParameters: { USERNAME: "alice" },
    });
    expect(noPassword.body).toEqual({
      __type: "InvalidParameterException",
      message: "Missing required parameter PASSWORD",
    });
    const badFlow = await call("InitiateAuth", { AuthFlow: "MAGIC", ClientId: config.clientId });
    expect(badFlow.body.__type).toBe("InvalidParameterException");
  });

  it("USER_SRP_AUTH answers PASSWORD_VERIFIER; a correct claim signature signs in, a wrong password does not", async () => {
    const poolName = config.userPoolId.split("_")[1] ?? "";
    const attempt = async (password: string) => {
      const a = BigInt(`0x${randomBytes(32).toString("hex")}`);
      const A = modPow(G, a, N);
      const init = await call("InitiateAuth", {
        AuthFlow: "USER_SRP_AUTH",
        ClientId: config.clientId,
        AuthParameters: { USERNAME: "alice", SRP_A: A.toString(16) },
      });
      expect(init.status).toBe(200);
      expect(init.body.ChallengeName).toBe("PASSWORD_VERIFIER");
      const p = init.body.ChallengeParameters;
      expect(Object.keys(p).sort()).toEqual(["SALT", "SECRET_BLOCK", "SRP_B", "USERNAME", "USER_ID_FOR_SRP"]);
      const key = clientKey({
        a,
        B: BigInt(`0x${p.SRP_B}`),
        poolName,
        userId: p.USER_ID_FOR_SRP,
        password,
        saltHex: p.SALT,
      });
      const timestamp = "Thu Jan 15 12:00:00 UTC 2026";
      return call("RespondToAuthChallenge", {
        ChallengeName: "PASSWORD_VERIFIER",
        ClientId: config.clientId,
        ChallengeResponses: {
          USERNAME: p.USER_ID_FOR_SRP,
          PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK,
          TIMESTAMP: timestamp,
          PASSWORD_CLAIM_SIGNATURE: claimSignature(
            key,
            poolName,
            p.USER_ID_FOR_SRP,
            p.SECRET_BLOCK,
            timestamp,
          ),
        },
      });
    };
    const ok = await attempt("Alice-Pass-1");
    expect(ok.status).toBe(200);
    expect(payloadOf(ok.body.AuthenticationResult.IdToken).payload["cognito:username"]).toBe("alice");
    const wrong = await attempt("not-her-password");
    expect(wrong.body).toEqual({
      __type: "NotAuthorizedException",
      message: "Incorrect username or password.",
    });
  });

  it("answers a flow or challenge it does not emulate with 501 naming it", async () => {
    const custom = await call("InitiateAuth", { AuthFlow: "CUSTOM_AUTH", ClientId: config.clientId });
    expect(custom.status).toBe(501);
    expect(custom.body.__type).toBe("NotEmulatedException");
    expect(custom.body.message).toContain("CUSTOM_AUTH");
    const challenge = await call("RespondToAuthChallenge", {
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      ClientId: config.clientId,
    });
    expect(challenge.status).toBe(501);
    expect(challenge.body.message).toContain("NEW_PASSWORD_REQUIRED");
  });

  it("answers an operation it does not emulate with 501 naming the operation, never a fake success", async () => {
    const res = await call("AdminCreateUser", { UserPoolId: config.userPoolId, Username: "eve" });
    expect(res.status).toBe(501);
    expect(res.headers["x-amzn-errortype"]).toBe("NotEmulatedException");
    expect(res.body.message).toMatch(/^Operation AdminCreateUser is not emulated/);
  });

  it("answers a foreign or missing target with UnknownOperationException (assumption)", async () => {
    const res = await amz(request(app).post("/").set("x-amz-target", "DynamoDB_20120810.GetItem").send("{}"));
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe("UnknownOperationException");
  });

  it("answers malformed JSON with SerializationException", async () => {
    const res = await amz(
      request(app).post("/").set("x-amz-target", `${TARGET}InitiateAuth`).set("content-type", AMZ).send("{"),
    );
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe("SerializationException");
  });
});
