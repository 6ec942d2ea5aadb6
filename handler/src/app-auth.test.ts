/** The ID token check: header, JWT verification, groups and the JWKS cache. */
import { describe, expect, it } from "vitest";
import { appHarnessForFile, expectError } from "./test-support/app-suite.js";
import { chatEvent, invoke } from "./test-support/harness.js";
import { newSigningKey } from "./test-support/identity-provider.js";

const h = appHarnessForFile();

describe("auth (aws-jwt-verify CognitoJwtVerifier, platform-facts: aws-jwt-verify)", () => {
  const invalid = (result: { headers: Record<string, string> }) =>
    expect(result.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');

  it("401 TOKEN_MISSING without the header", async () => {
    const result = await invoke(h.build(), chatEvent(undefined));
    expectError(
      result,
      401,
      "TOKEN_MISSING",
      'Missing ID token: send "Bearer <token>" in x-forwarded-authorization.',
    );
    invalid(result);
    expect(h.stub.requests).toHaveLength(0);
  });

  it("reads only x-forwarded-authorization, never authorization (OAC overwrites it)", async () => {
    const result = await invoke(
      h.build(),
      chatEvent(undefined, undefined, { headers: { authorization: `Bearer ${h.idp.mint()}` } }),
    );
    expectError(result, 401, "TOKEN_MISSING", /x-forwarded-authorization/);
  });

  it("honours AUTH_TOKEN_HEADER", async () => {
    const handler = h.build({ AUTH_TOKEN_HEADER: "X-Id-Token" });
    const ok = await invoke(
      handler,
      chatEvent(undefined, undefined, { headers: { "x-id-token": `Bearer ${h.idp.mint()}` } }),
    );
    expect(ok.statusCode).toBe(200);
  });

  it.each([
    ["Basic abc", '"Bearer <token>"'],
    ["Bearer", '"Bearer <token>"'],
  ])("401 TOKEN_MALFORMED for header %j", async (value) => {
    const result = await invoke(
      h.build(),
      chatEvent(undefined, undefined, { headers: { "x-forwarded-authorization": value } }),
    );
    expectError(result, 401, "TOKEN_MALFORMED", 'x-forwarded-authorization must be "Bearer <token>".');
    invalid(result);
    expect(h.stub.requests).toHaveLength(0);
  });

  it("401 TOKEN_MALFORMED for a token that is not a JWT", async () => {
    const result = await invoke(h.build(), chatEvent("not-a.jwt"));
    expectError(result, 401, "TOKEN_MALFORMED", "The ID token is not a well-formed JWT.");
    invalid(result);
  });

  it("401 TOKEN_EXPIRED for an expired token", async () => {
    const result = await invoke(h.build(), chatEvent(h.idp.mint({ expiresIn: -60 })));
    expectError(result, 401, "TOKEN_EXPIRED", "The ID token has expired.");
    invalid(result);
    expect(h.stub.requests).toHaveLength(0);
  });

  it.each([
    ["signature", () => h.idp.mint({ key: { ...newSigningKey(), kid: h.idp.keys[0]?.kid ?? "" } })],
    ["unknown signing key", () => h.idp.mint({ key: newSigningKey() })],
    [
      "issuer",
      () => h.idp.mint({ claims: { iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other" } }),
    ],
    ["audience", () => h.idp.mint({ claims: { aud: "another-client" } })],
    ["token use", () => h.idp.mint({ claims: { token_use: "access" } })],
    // aws-jwt-verify alone accepts these; every Cognito ID token has exp, sub and a past iat.
    ["no expiry", () => h.idp.mint({ claims: { exp: undefined } })],
    ["no issue time", () => h.idp.mint({ claims: { iat: undefined } })],
    ["no subject", () => h.idp.mint({ claims: { sub: undefined } })],
    ["issued in the future", () => h.idp.mint({ claims: { iat: Math.floor(Date.now() / 1000) + 3600 } })],
  ])("401 TOKEN_INVALID (%s)", async (reason, token) => {
    const result = await invoke(h.build(), chatEvent(token()));
    expectError(result, 401, "TOKEN_INVALID", `The ID token is not valid (${reason}).`);
    invalid(result);
    expect(h.stub.requests).toHaveLength(0);
  });

  // The verifier refuses `alg: none` (docs/platform-facts.md#aws-jwt-verify). Without a signature the JWT
  // does not even parse; with the original signature kept it fails the algorithm check.
  it.each([
    ["without a signature", false, "TOKEN_MALFORMED", "The ID token is not a well-formed JWT."],
    ["with the original signature", true, "TOKEN_INVALID", "The ID token is not valid (signature)."],
  ])("refuses alg none %s", async (_name, keepSignature, code, message) => {
    const [, payload, signature] = h.idp.mint().split(".");
    const header = Buffer.from(JSON.stringify({ alg: "none", kid: h.idp.keys[0]?.kid })).toString(
      "base64url",
    );
    const result = await invoke(
      h.build(),
      chatEvent(`${header}.${payload}.${keepSignature ? signature : ""}`),
    );
    expectError(result, 401, code, message);
    invalid(result);
    expect(h.stub.requests).toHaveLength(0);
  });

  it("403 FORBIDDEN when ALLOWED_GROUPS does not match cognito:groups", async () => {
    const handler = h.build({ ALLOWED_GROUPS: "students, staff" });
    const result = await invoke(handler, chatEvent(h.idp.mint({ claims: { "cognito:groups": ["guests"] } })));
    expectError(result, 403, "FORBIDDEN", "Your account is not in a group allowed to use the tutor.");
    expect(h.stub.requests).toHaveLength(0);
    const ok = await invoke(handler, chatEvent(h.idp.mint({ claims: { "cognito:groups": ["staff"] } })));
    expect(ok.statusCode).toBe(200);
  });

  it("503 AUTH_UNAVAILABLE when the JWKS cannot be fetched and nothing is cached", async () => {
    h.idp.available = false;
    const result = await invoke(h.build(), chatEvent(h.idp.mint()));
    expectError(result, 503, "AUTH_UNAVAILABLE", "Token keys are unavailable; try again shortly.");
    expect(h.stub.requests).toHaveLength(0);
  });

  it("503 AUTH_UNAVAILABLE when the JWKS host refuses connections", async () => {
    const result = await invoke(
      h.build({ COGNITO_JWKS_URI: "http://127.0.0.1:9/.well-known/jwks.json" }),
      chatEvent(h.idp.mint()),
    );
    expectError(result, 503, "AUTH_UNAVAILABLE", "Token keys are unavailable; try again shortly.");
  });

  it("caches the JWKS across invocations and refetches on an unknown kid (key rotation)", async () => {
    const handler = h.build();
    const before = h.idp.jwksRequests;
    expect((await invoke(handler, chatEvent(h.idp.mint()))).statusCode).toBe(200);
    expect((await invoke(handler, chatEvent(h.idp.mint()))).statusCode).toBe(200);
    expect(h.idp.jwksRequests - before).toBe(1);
    const rotated = newSigningKey();
    h.idp.keys.push(rotated);
    try {
      expect((await invoke(handler, chatEvent(h.idp.mint({ key: rotated })))).statusCode).toBe(200);
      expect(h.idp.jwksRequests - before).toBe(2);
      // Cached keys keep working while the JWKS endpoint is down.
      h.idp.available = false;
      expect((await invoke(handler, chatEvent(h.idp.mint()))).statusCode).toBe(200);
    } finally {
      h.idp.keys.pop();
    }
  });

  it("keeps the library's rate limit: a flood of unknown kids refetches the JWKS once (penalty box)", async () => {
    const handler = h.build();
    const before = h.idp.jwksRequests;
    expect((await invoke(handler, chatEvent(h.idp.mint()))).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) {
      const result = await invoke(handler, chatEvent(h.idp.mint({ key: newSigningKey() })));
      expectError(result, 401, "TOKEN_INVALID", "The ID token is not valid (unknown signing key).");
    }
    // One fetch to warm the cache, one refetch for the first unknown kid, then the 10 s wait period.
    expect(h.idp.jwksRequests - before).toBe(2);
    expect(h.stub.requests).toHaveLength(1);
  });
});
