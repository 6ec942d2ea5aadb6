import request from "supertest";
import { describe, expect, it } from "vitest";
import { idpApiPool } from "./test-support/idp-api-client.js";

const { config, app } = idpApiPool();

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
