import { randomBytes } from "node:crypto";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { decodeJwt } from "./jwt.js";
import { createCognitoServer } from "./server.js";
import { claimSignature, clientKey, G, modPow, N } from "./srp.js";
import { tempStateDir, testPoolConfig } from "./test-support/cognito-pool.js";

const AMZ = "application/x-amz-json-1.1";
const TARGET = "AWSCognitoIdentityProviderService.";
const state = tempStateDir();
const config = testPoolConfig();
let now = Date.UTC(2026, 0, 15, 12, 0, 0);
const cognito = createCognitoServer({ config, region: "us-east-1", stateDir: state.dir, clock: () => now });
const app = cognito.app;

afterAll(() => state.remove());

/** supertest parses only application/json; the AWS JSON 1.1 body is parsed here. */
async function amz(req: request.Test) {
  const res = await req;
  return { status: res.status, headers: res.headers, body: JSON.parse(res.text) };
}
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
function payloadOf(token: string) {
  const decoded = decodeJwt(token);
  if (!decoded) throw new Error("not a JWT");
  return decoded;
}

describe("service endpoints", () => {
  it("answers the reserved health path", async () => {
    const res = await request(app).get("/__emulator/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", service: "cognito" });
  });

  it("publishes separate RS256 keys for ID and access tokens in the JWKS (Cognito developer guide)", async () => {
    const res = await request(app).get(`/${config.userPoolId}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    expect(res.body.keys).toHaveLength(2);
    for (const key of res.body.keys) {
      expect(Object.keys(key).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
      expect(key).toMatchObject({ alg: "RS256", kty: "RSA", use: "sig", e: "AQAB" });
      // 2048-bit modulus: 256 bytes.
      expect(Buffer.from(key.n, "base64url")).toHaveLength(256);
    }
    expect(res.body.keys[0].kid).not.toBe(res.body.keys[1].kid);
  });

  it("serves OIDC discovery with the real issuer form and a local jwks_uri", async () => {
    const res = await request(app)
      .get(`/${config.userPoolId}/.well-known/openid-configuration`)
      .set("host", "127.0.0.1:9999");
    expect(res.status).toBe(200);
    expect(res.body.issuer).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${config.userPoolId}`);
    expect(res.body.jwks_uri).toBe(`http://127.0.0.1:9999/${config.userPoolId}/.well-known/jwks.json`);
    expect(res.body.id_token_signing_alg_values_supported).toEqual(["RS256"]);
  });

  it("answers 404 for another pool's JWKS (assumption: body shape)", async () => {
    const res = await request(app).get("/us-east-1_Other/.well-known/jwks.json");
    expect(res.status).toBe(404);
    expect(res.body.message).toBe("User pool us-east-1_Other does not exist.");
  });

  it("answers CORS preflight for the browser playground", async () => {
    const res = await request(app)
      .options("/")
      .set("origin", "http://127.0.0.1:5173")
      .set("access-control-request-method", "POST")
      .set("access-control-request-headers", "content-type,x-amz-target,x-amz-user-agent,cache-control");
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    const allowed = res.headers["access-control-allow-headers"];
    for (const h of ["content-type", "x-amz-target", "x-amz-user-agent", "cache-control"])
      expect(allowed).toContain(h);
    expect(res.headers["access-control-allow-methods"]).toContain("POST");
  });
});

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
    const t = Math.floor(now / 1000);
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

describe("refresh, GetUser and GlobalSignOut", () => {
  it("REFRESH_TOKEN_AUTH keeps origin_jti and auth_time, and returns no new refresh token", async () => {
    const first = (await signIn()).body.AuthenticationResult;
    const before = now;
    now += 120_000;
    try {
      const res = await call("InitiateAuth", {
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: config.clientId,
        AuthParameters: { REFRESH_TOKEN: first.RefreshToken },
      });
      expect(res.status).toBe(200);
      expect(res.body.AuthenticationResult).not.toHaveProperty("RefreshToken");
      const oldId = payloadOf(first.IdToken).payload;
      const newId = payloadOf(res.body.AuthenticationResult.IdToken).payload;
      expect(newId.origin_jti).toBe(oldId.origin_jti);
      expect(newId.auth_time).toBe(oldId.auth_time);
      expect(newId.iat).toBe((oldId.iat as number) + 120);
      expect(newId.jti).not.toBe(oldId.jti);
    } finally {
      now = before;
    }
  });

  it("refuses a refresh token after its 30-day validity (Cognito default)", async () => {
    const { RefreshToken } = (await signIn()).body.AuthenticationResult;
    const before = now;
    now += 30 * 24 * 3600 * 1000 + 1000;
    try {
      const res = await call("InitiateAuth", {
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: config.clientId,
        AuthParameters: { REFRESH_TOKEN: RefreshToken },
      });
      expect(res.body).toEqual({ __type: "NotAuthorizedException", message: "Refresh Token has expired" });
    } finally {
      now = before;
    }
  });

  it("refuses an unknown refresh token", async () => {
    const res = await call("InitiateAuth", {
      AuthFlow: "REFRESH_TOKEN",
      ClientId: config.clientId,
      AuthParameters: { REFRESH_TOKEN: "not-a-token" },
    });
    expect(res.body).toEqual({ __type: "NotAuthorizedException", message: "Invalid Refresh Token" });
  });

  it("GetUser returns the user's attributes for its access token", async () => {
    const { AccessToken } = (await signIn()).body.AuthenticationResult;
    const res = await call("GetUser", { AccessToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      Username: "alice",
      UserAttributes: [
        { Name: "sub", Value: "0a8e3c1e-5d7b-4a7e-9f51-3c1d2b6a9e01" },
        { Name: "email_verified", Value: "true" },
        { Name: "email", Value: "alice@example.com" },
      ],
    });
  });

  it("GetUser refuses an ID token, an expired access token and garbage", async () => {
    const { IdToken, AccessToken } = (await signIn()).body.AuthenticationResult;
    expect((await call("GetUser", { AccessToken: IdToken })).body).toEqual({
      __type: "NotAuthorizedException",
      message: "Invalid Access Token",
    });
    expect((await call("GetUser", { AccessToken: "x.y.z" })).body.message).toBe("Invalid Access Token");
    const before = now;
    now += 3601_000;
    try {
      expect((await call("GetUser", { AccessToken })).body).toEqual({
        __type: "NotAuthorizedException",
        message: "Access Token has expired",
      });
    } finally {
      now = before;
    }
  });

  it("GlobalSignOut revokes the user's refresh tokens and access tokens (Cognito API reference)", async () => {
    const a = (await signIn("bob", "Bob-Pass-1")).body.AuthenticationResult;
    const b = (await signIn("bob", "Bob-Pass-1")).body.AuthenticationResult;
    const alice = (await signIn()).body.AuthenticationResult;
    const out = await call("GlobalSignOut", { AccessToken: a.AccessToken });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({});
    for (const session of [a, b]) {
      const refresh = await call("InitiateAuth", {
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: config.clientId,
        AuthParameters: { REFRESH_TOKEN: session.RefreshToken },
      });
      expect(refresh.body).toEqual({
        __type: "NotAuthorizedException",
        message: "Refresh Token has been revoked",
      });
      expect((await call("GetUser", { AccessToken: session.AccessToken })).body).toEqual({
        __type: "NotAuthorizedException",
        message: "Access Token has been revoked",
      });
    }
    // Another user's session is untouched.
    expect((await call("GetUser", { AccessToken: alice.AccessToken })).status).toBe(200);
  });
});

describe("RevokeToken (Cognito API reference; Amplify signOut calls it)", () => {
  it("revokes the refresh token and the access tokens issued from it", async () => {
    const session = (await signIn()).body.AuthenticationResult;
    const other = (await signIn()).body.AuthenticationResult;
    const res = await call("RevokeToken", { Token: session.RefreshToken, ClientId: config.clientId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    const refresh = await call("InitiateAuth", {
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: config.clientId,
      AuthParameters: { REFRESH_TOKEN: session.RefreshToken },
    });
    expect(refresh.body.message).toBe("Refresh Token has been revoked");
    expect((await call("GetUser", { AccessToken: session.AccessToken })).body.message).toBe(
      "Access Token has been revoked",
    );
    // Only that sign-in: another session of the same user still works.
    expect((await call("GetUser", { AccessToken: other.AccessToken })).status).toBe(200);
  });

  it("refuses an access token as the token to revoke", async () => {
    const session = (await signIn()).body.AuthenticationResult;
    const res = await call("RevokeToken", { Token: session.AccessToken, ClientId: config.clientId });
    expect(res.body.__type).toBe("UnsupportedTokenTypeException");
  });
});

describe("dev endpoints (pinned)", () => {
  it("POST /_dev/tokens mints tokens like a sign-in", async () => {
    const res = await request(app).post("/_dev/tokens").send({ username: "alice" });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["accessToken", "idToken"]);
    expect(payloadOf(res.body.idToken).payload).toMatchObject({
      token_use: "id",
      "cognito:username": "alice",
    });
    expect(payloadOf(res.body.accessToken).payload).toMatchObject({ token_use: "access", username: "alice" });
  });

  it("applies claim overrides, removes claims set to null, and honours expiresIn", async () => {
    const res = await request(app)
      .post("/_dev/tokens")
      .send({
        username: "bob",
        claims: { "cognito:groups": ["admins"], token_use: null, custom: 1 },
        expiresIn: 60,
      });
    const { payload } = payloadOf(res.body.idToken);
    expect(payload["cognito:groups"]).toEqual(["admins"]);
    expect(payload).not.toHaveProperty("token_use");
    expect(payload.custom).toBe(1);
    expect(payload.exp).toBe(Math.floor(now / 1000) + 60);
    expect(payloadOf(res.body.accessToken).payload.exp).toBe(Math.floor(now / 1000) + 60);
  });

  it("refuses an unknown user and a malformed body", async () => {
    const unknown = await request(app).post("/_dev/tokens").send({ username: "mallory" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("USER_NOT_FOUND");
    const bad = await request(app).post("/_dev/tokens").send({ username: "alice", expiresIn: "soon" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("expiresIn");
  });

  it("mintTokens() gives the same tokens in-process", async () => {
    const tokens = await cognito.mintTokens("alice", { claims: { email: "x@example.com" } });
    expect(payloadOf(tokens.idToken).payload.email).toBe("x@example.com");
    await expect(cognito.mintTokens("nobody")).rejects.toThrow("No user named nobody");
  });
});
