import request from "supertest";
import { describe, expect, it } from "vitest";
import { idpApiPool, payloadOf } from "./test-support/idp-api-client.js";

const { clock, cognito, app } = idpApiPool();

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
    expect(payload.exp).toBe(Math.floor(clock.now / 1000) + 60);
    expect(payloadOf(res.body.accessToken).payload.exp).toBe(Math.floor(clock.now / 1000) + 60);
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
