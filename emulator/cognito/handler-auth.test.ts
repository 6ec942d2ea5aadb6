/**
 * The forged-token catalogue against the handler's own authenticator, built from an environment by the
 * handler's `loadConfig` exactly as the deployed Lambda builds it (aws-jwt-verify CognitoJwtVerifier,
 * tokenUse "id", clientId, plus the handler's Cognito claim checks); only COGNITO_JWKS_URI points at the
 * emulator. verifier.test.ts shows what the library alone accepts; this shows that the handler closes
 * those gaps and answers every forged kind with a pinned 401 code
 * (docs/interfaces.md#errors-before-the-stream).
 */
import { describe, expect, it } from "vitest";
import { createAuthenticator } from "../../handler/src/auth.js";
import { loadConfig } from "../../handler/src/config.js";
import { HandlerError } from "../../handler/src/errors.js";
import { passwordSignIn } from "./password-sign-in.js";
import { startForgingPool } from "./test-support/cognito-pool.js";

const pool = startForgingPool();
const { config, cognito } = pool;

/** A cold start of the handler's auth: a fresh verifier and JWKS cache (no penalty box carried over). */
function authenticator(extraEnv: Record<string, string> = {}) {
  const handlerConfig = loadConfig({
    COGNITO_USER_POOL_ID: config.userPoolId,
    COGNITO_CLIENT_ID: config.clientId,
    COGNITO_JWKS_URI: `${pool.url}/${config.userPoolId}/.well-known/jwks.json`,
    GEMINI_API_KEY: "not-used-by-auth",
    ...extraEnv,
  });
  const authenticate = createAuthenticator(handlerConfig);
  // The forger signs asynchronously, so a token may come as a promise.
  return async (token: string | Promise<string>) =>
    authenticate({ "x-forwarded-authorization": `Bearer ${await token}` });
}

async function refusal(promise: Promise<unknown>): Promise<HandlerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HandlerError)) throw new Error(`expected a HandlerError, got ${String(error)}`);
  return error;
}

describe("the handler's authenticator against the emulated pool", () => {
  it("accepts ID tokens from sign-in, from /_dev/tokens and the forger's control token", async () => {
    const signedIn = await passwordSignIn(`${pool.url}/`, config.clientId, "alice", "Alice-Pass-1");
    const authenticate = authenticator();
    expect(await authenticate(signedIn)).toEqual({
      sub: "0a8e3c1e-5d7b-4a7e-9f51-3c1d2b6a9e01",
      username: "alice",
      groups: ["students"],
    });
    const { idToken } = await cognito.mintTokens("bob");
    expect((await authenticate(idToken)).username).toBe("bob");
    expect((await authenticate(pool.forge.valid())).username).toBe("alice");
  });

  const notValid = (reason: string) => ["TOKEN_INVALID", `The ID token is not valid (${reason}).`] as const;
  const cases: Array<[string, () => string | Promise<string>, readonly [string, string]]> = [
    ["expired", () => pool.forge.expired(), ["TOKEN_EXPIRED", "The ID token has expired."]],
    ["not yet valid (nbf in the future)", () => pool.forge.notYetValid(), notValid("not yet valid")],
    // The two kinds aws-jwt-verify alone lets through (verifier.test.ts): the handler refuses them.
    ["issued in the future", () => pool.forge.issuedInFuture(), notValid("issued in the future")],
    ["missing exp", () => pool.forge.missingClaim("exp"), notValid("no expiry")],
    ["missing iat", () => pool.forge.missingClaim("iat"), notValid("no issue time")],
    ["missing sub", () => pool.forge.missingClaim("sub"), notValid("no subject")],
    ["issuer of another pool", () => pool.forge.wrongIssuer("other-pool"), notValid("issuer")],
    ["issuer of another region", () => pool.forge.wrongIssuer("other-region"), notValid("issuer")],
    ["issuer over http", () => pool.forge.wrongIssuer("http"), notValid("issuer")],
    ["missing iss", () => pool.forge.missingClaim("iss"), notValid("issuer")],
    ["wrong audience", () => pool.forge.wrongAudience(), notValid("audience")],
    ["aud as an array", () => pool.forge.audAsArray(), notValid("audience")],
    ["missing aud", () => pool.forge.missingClaim("aud"), notValid("audience")],
    ["access token where an ID token is expected", () => pool.forge.accessTokenAsId(), notValid("token use")],
    ["missing token_use", () => pool.forge.missingClaim("token_use"), notValid("token use")],
    [
      "alg none without signature",
      () => pool.forge.algNone(),
      ["TOKEN_MALFORMED", "The ID token is not a well-formed JWT."],
    ],
    [
      "alg none with the original signature",
      () => pool.forge.algNone({ withSignature: true }),
      notValid("signature"),
    ],
    ["HS256 keyed with the public key PEM", () => pool.forge.hs256WithPublicKey(), notValid("signature")],
    ["unknown kid", () => pool.forge.unknownKid(), notValid("unknown signing key")],
    ["foreign key with a real kid", () => pool.forge.foreignKeyRealKid(), notValid("signature")],
    [
      "tampered payload with the original signature",
      () => pool.forge.tamperedPayload(),
      notValid("signature"),
    ],
    ["flipped signature bit", () => pool.forge.flippedSignature(), notValid("signature")],
    ["kid with path/injection characters", () => pool.forge.kidInjection(), notValid("unknown signing key")],
    ["jku header pointing elsewhere", () => pool.forge.headerPointer("jku"), notValid("signature")],
    ["x5u header pointing elsewhere", () => pool.forge.headerPointer("x5u"), notValid("signature")],
    ["embedded jwk header", () => pool.forge.headerPointer("jwk"), notValid("signature")],
    ["not a JWT at all", () => "not.a.jwt", ["TOKEN_MALFORMED", "The ID token is not a well-formed JWT."]],
  ];
  for (const [name, make, [code, message]] of cases) {
    it(`refuses with 401 ${code}: ${name}`, async () => {
      const error = await refusal(authenticator()(make()));
      expect([error.status, error.code, error.message]).toEqual([401, code, message]);
      expect(error.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');
    });
  }

  it("answers 403 FORBIDDEN for a pool user outside ALLOWED_GROUPS, and lets a member in", async () => {
    const authenticate = authenticator({ ALLOWED_GROUPS: "staff" });
    const { idToken } = await cognito.mintTokens("alice");
    const error = await refusal(authenticate(idToken));
    expect([error.status, error.code]).toEqual([403, "FORBIDDEN"]);
    const staff = await cognito.mintTokens("alice", { claims: { "cognito:groups": ["staff"] } });
    expect((await authenticate(staff.idToken)).groups).toEqual(["staff"]);
  });
});
