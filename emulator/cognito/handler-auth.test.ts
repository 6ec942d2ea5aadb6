/**
 * The forged-token catalogue against the handler's own authenticator, built from an environment by the
 * handler's `loadConfig` exactly as the deployed Lambda builds it (aws-jwt-verify CognitoJwtVerifier,
 * tokenUse "id", clientId, plus the handler's Cognito claim checks); only COGNITO_JWKS_URI points at the
 * emulator. verifier.test.ts shows what the library alone accepts; this shows that the handler closes
 * those gaps and answers every forged kind with a pinned 401 code (shared design, "Errors before the
 * stream").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthenticator } from "../../handler/src/auth.js";
import { loadConfig } from "../../handler/src/config.js";
import { HandlerError } from "../../handler/src/errors.js";
import { createForger, type Forger } from "./forge.js";
import { createCognitoServer } from "./server.js";
import { tempStateDir, testConfig } from "./test-helpers.js";

const state = tempStateDir();
const config = testConfig();
const cognito = createCognitoServer({ config, region: "us-east-1", stateDir: state.dir });
let url = "";
let forge: Forger;

beforeAll(async () => {
  ({ url } = await cognito.listen(0, "127.0.0.1"));
  const alice = config.users.find((u) => u.username === "alice");
  if (!alice) throw new Error("default config lost alice");
  forge = createForger({
    keys: cognito.keys,
    issuer: cognito.issuer,
    clientId: config.clientId,
    user: alice,
  });
});
afterAll(async () => {
  await cognito.close();
  state.remove();
});

/** A cold start of the handler's auth: a fresh verifier and JWKS cache (no penalty box carried over). */
function authenticator(extraEnv: Record<string, string> = {}) {
  const handlerConfig = loadConfig({
    COGNITO_USER_POOL_ID: config.userPoolId,
    COGNITO_CLIENT_ID: config.clientId,
    COGNITO_JWKS_URI: `${url}/${config.userPoolId}/.well-known/jwks.json`,
    GEMINI_API_KEY: "not-used-by-auth",
    ...extraEnv,
  });
  const authenticate = createAuthenticator(handlerConfig);
  return (token: string) => authenticate({ "x-forwarded-authorization": `Bearer ${token}` });
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
    const signIn = await fetch(`${url}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth",
      },
      body: JSON.stringify({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: config.clientId,
        AuthParameters: { USERNAME: "alice", PASSWORD: "Alice-Pass-1" },
      }),
    });
    const { AuthenticationResult } = (await signIn.json()) as { AuthenticationResult: { IdToken: string } };
    const authenticate = authenticator();
    expect(await authenticate(AuthenticationResult.IdToken)).toEqual({
      sub: "0a8e3c1e-5d7b-4a7e-9f51-3c1d2b6a9e01",
      username: "alice",
      groups: ["students"],
    });
    const { idToken } = await cognito.mintTokens("bob");
    expect((await authenticate(idToken)).username).toBe("bob");
    expect((await authenticate(forge.valid())).username).toBe("alice");
  });

  const notValid = (reason: string) => ["TOKEN_INVALID", `The ID token is not valid (${reason}).`] as const;
  const cases: Array<[string, () => string, readonly [string, string]]> = [
    ["expired", () => forge.expired(), ["TOKEN_EXPIRED", "The ID token has expired."]],
    ["not yet valid (nbf in the future)", () => forge.notYetValid(), notValid("not yet valid")],
    // The two kinds aws-jwt-verify alone lets through (verifier.test.ts): the handler refuses them.
    ["issued in the future", () => forge.issuedInFuture(), notValid("issued in the future")],
    ["missing exp", () => forge.missingClaim("exp"), notValid("no expiry")],
    ["missing iat", () => forge.missingClaim("iat"), notValid("no issue time")],
    ["missing sub", () => forge.missingClaim("sub"), notValid("no subject")],
    ["issuer of another pool", () => forge.wrongIssuer("other-pool"), notValid("issuer")],
    ["issuer of another region", () => forge.wrongIssuer("other-region"), notValid("issuer")],
    ["issuer over http", () => forge.wrongIssuer("http"), notValid("issuer")],
    ["missing iss", () => forge.missingClaim("iss"), notValid("issuer")],
    ["wrong audience", () => forge.wrongAudience(), notValid("audience")],
    ["aud as an array", () => forge.audAsArray(), notValid("audience")],
    ["missing aud", () => forge.missingClaim("aud"), notValid("audience")],
    ["access token where an ID token is expected", () => forge.accessTokenAsId(), notValid("token use")],
    ["missing token_use", () => forge.missingClaim("token_use"), notValid("token use")],
    [
      "alg none without signature",
      () => forge.algNone(),
      ["TOKEN_MALFORMED", "The ID token is not a well-formed JWT."],
    ],
    [
      "alg none with the original signature",
      () => forge.algNone({ withSignature: true }),
      notValid("signature"),
    ],
    ["HS256 keyed with the public key PEM", () => forge.hs256WithPublicKey(), notValid("signature")],
    ["unknown kid", () => forge.unknownKid(), notValid("unknown signing key")],
    ["foreign key with a real kid", () => forge.foreignKeyRealKid(), notValid("signature")],
    ["tampered payload with the original signature", () => forge.tamperedPayload(), notValid("signature")],
    ["flipped signature bit", () => forge.flippedSignature(), notValid("signature")],
    ["kid with path/injection characters", () => forge.kidInjection(), notValid("unknown signing key")],
    ["jku header pointing elsewhere", () => forge.headerPointer("jku"), notValid("signature")],
    ["x5u header pointing elsewhere", () => forge.headerPointer("x5u"), notValid("signature")],
    ["embedded jwk header", () => forge.headerPointer("jwk"), notValid("signature")],
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
