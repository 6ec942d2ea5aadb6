import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  JwtExpiredError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  KidNotFoundInJwksError,
  ParameterValidationError,
} from "aws-jwt-verify/error";
import { describe, expect, it } from "vitest";
import { passwordSignIn } from "./password-sign-in.js";
import { localVerifier, startForgingPool } from "./test-support/cognito-pool.js";

const pool = startForgingPool();
const { config } = pool;

// A fresh verifier per case: aws-jwt-verify's penalty box refuses a second JWKS fetch within 10 s
// after an unknown kid, which would mask the error class of the next case. The forger signs
// asynchronously, so a token may come as a promise.
const verify = async (token: string | Promise<string>) =>
  localVerifier(config, pool.url).verifier.verify(await token);

describe("aws-jwt-verify, configured as the handler configures it, accepts the emulator's ID tokens", () => {
  it("accepts an ID token from USER_PASSWORD_AUTH sign-in", async () => {
    const idToken = await passwordSignIn(`${pool.url}/`, config.clientId, "alice", "Alice-Pass-1");
    const payload = await verify(idToken);
    expect(payload["cognito:username"]).toBe("alice");
    expect(payload["cognito:groups"]).toEqual(["students"]);
  });

  it("accepts an ID token from POST /_dev/tokens and from the forger's control token", async () => {
    const res = await fetch(`${pool.url}/_dev/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "bob" }),
    });
    const { idToken } = (await res.json()) as { idToken: string };
    expect((await verify(idToken)).email).toBe("bob@example.com");
    expect((await verify(pool.forge.valid())).sub).toBe("0a8e3c1e-5d7b-4a7e-9f51-3c1d2b6a9e01");
  });
});

describe("aws-jwt-verify rejects every forged kind with the expected error class (security catalogue)", () => {
  const cases: Array<[string, () => string | Promise<string>, new (...args: never[]) => Error, RegExp?]> = [
    ["expired", () => pool.forge.expired(), JwtExpiredError, /Token expired at/],
    ["not yet valid (nbf in the future)", () => pool.forge.notYetValid(), JwtNotBeforeError],
    // aws-jwt-verify 5 builds a multi-issuer verifier for Cognito (regional + "issuer-cognito-idp" global
    // form), which refuses an unconfigured iss with ParameterValidationError, not JwtInvalidIssuerError:
    // a handler must map that class to 401, not 500.
    [
      "issuer of another pool",
      () => pool.forge.wrongIssuer("other-pool"),
      ParameterValidationError,
      /issuer not configured/,
    ],
    [
      "issuer of another region",
      () => pool.forge.wrongIssuer("other-region"),
      ParameterValidationError,
      /issuer not configured/,
    ],
    [
      "issuer over http",
      () => pool.forge.wrongIssuer("http"),
      ParameterValidationError,
      /issuer not configured/,
    ],
    ["wrong audience", () => pool.forge.wrongAudience(), CognitoJwtInvalidClientIdError],
    ["aud as an array", () => pool.forge.audAsArray(), CognitoJwtInvalidClientIdError, /not of type string/],
    [
      "access token where an ID token is expected",
      () => pool.forge.accessTokenAsId(),
      CognitoJwtInvalidTokenUseError,
    ],
    [
      "missing token_use",
      () => pool.forge.missingClaim("token_use"),
      CognitoJwtInvalidTokenUseError,
      /Missing Token use/,
    ],
    ["missing aud", () => pool.forge.missingClaim("aud"), CognitoJwtInvalidClientIdError],
    [
      "missing iss",
      () => pool.forge.missingClaim("iss"),
      ParameterValidationError,
      /issuer must be provided/,
    ],
    // An empty third segment fails parsing before the algorithm check.
    ["alg none without signature", () => pool.forge.algNone(), JwtParseError, /exactly 3 parts/],
    [
      "alg none with the original signature",
      () => pool.forge.algNone({ withSignature: true }),
      JwtInvalidSignatureAlgorithmError,
    ],
    [
      "HS256 keyed with the public key PEM",
      () => pool.forge.hs256WithPublicKey(),
      JwtInvalidSignatureAlgorithmError,
    ],
    ["unknown kid", () => pool.forge.unknownKid(), KidNotFoundInJwksError],
    ["foreign key with a real kid", () => pool.forge.foreignKeyRealKid(), JwtInvalidSignatureError],
    [
      "tampered payload with the original signature",
      () => pool.forge.tamperedPayload(),
      JwtInvalidSignatureError,
    ],
    ["flipped signature bit", () => pool.forge.flippedSignature(), JwtInvalidSignatureError],
    ["kid with path/injection characters", () => pool.forge.kidInjection(), KidNotFoundInJwksError],
    ["jku header pointing elsewhere", () => pool.forge.headerPointer("jku"), JwtInvalidSignatureError],
    ["x5u header pointing elsewhere", () => pool.forge.headerPointer("x5u"), JwtInvalidSignatureError],
    ["embedded jwk header", () => pool.forge.headerPointer("jwk"), JwtInvalidSignatureError],
    ["not a JWT at all", () => "not.a.jwt", JwtParseError],
  ];
  for (const [name, make, errorClass, message] of cases) {
    it(`rejects: ${name}`, async () => {
      const err = await verify(make()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(errorClass);
      if (message) expect((err as Error).message).toMatch(message);
    });
  }
});

describe("what aws-jwt-verify alone lets through (the handler or the edge must cover these)", () => {
  it("accepts a token issued in the future (iat/auth_time ahead): the library does not check iat", async () => {
    const payload = await verify(pool.forge.issuedInFuture());
    expect(payload.iat).toBeGreaterThan(Date.now() / 1000);
  });

  it("accepts a token without exp: the library checks exp only when present", async () => {
    const payload = await verify(pool.forge.missingClaim("exp"));
    expect(payload).not.toHaveProperty("exp");
  });

  it("accepts a token without sub: the library does not require it (handler-auth.test.ts refuses it)", async () => {
    const payload = await verify(pool.forge.missingClaim("sub"));
    expect(payload).not.toHaveProperty("sub");
  });

  it("accepts a validly signed 100 KB token: size limits belong to the HTTP layer", async () => {
    const token = await pool.forge.oversized();
    expect(token.length).toBeGreaterThanOrEqual(100 * 1024);
    expect(token.length).toBeLessThan(110 * 1024);
    expect((await verify(token))["cognito:username"]).toBe("alice");
  });
});
