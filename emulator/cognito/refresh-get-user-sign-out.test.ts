import { describe, expect, it } from "vitest";
import { idpApiPool, payloadOf } from "./test-support/idp-api-client.js";

const { config, clock, call, signIn } = idpApiPool();

describe("refresh, GetUser and GlobalSignOut", () => {
  it("REFRESH_TOKEN_AUTH keeps origin_jti and auth_time, and returns no new refresh token", async () => {
    const first = (await signIn()).body.AuthenticationResult;
    const before = clock.now;
    clock.now += 120_000;
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
      clock.now = before;
    }
  });

  it("refuses a refresh token after its 30-day validity (Cognito default)", async () => {
    const { RefreshToken } = (await signIn()).body.AuthenticationResult;
    const before = clock.now;
    clock.now += 30 * 24 * 3600 * 1000 + 1000;
    try {
      const res = await call("InitiateAuth", {
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: config.clientId,
        AuthParameters: { REFRESH_TOKEN: RefreshToken },
      });
      expect(res.body).toEqual({ __type: "NotAuthorizedException", message: "Refresh Token has expired" });
    } finally {
      clock.now = before;
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
    const before = clock.now;
    clock.now += 3601_000;
    try {
      expect((await call("GetUser", { AccessToken })).body).toEqual({
        __type: "NotAuthorizedException",
        message: "Access Token has expired",
      });
    } finally {
      clock.now = before;
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
