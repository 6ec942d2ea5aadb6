/**
 * Cognito-shaped tokens minted at run time (no committed key material), for the tests that must not
 * depend on the emulator: the handler's and the frontend's own tests import nothing from emulator/, so
 * this module imports only node:crypto (test/test-support/import-boundaries.test.ts checks it). Tests of
 * the emulator use the pool's own issuer and forger (emulator/cognito/tokens.ts, forge.ts) instead.
 *
 * Shapes from docs/platform-facts.md#cognito-tokens: header kid + RS256; an ID token
 * carries sub, aud, token_use "id", iss = https://cognito-idp.<region>.amazonaws.com/<poolId>,
 * cognito:username, auth_time, iat, exp; an access token carries client_id, scope and username instead
 * of aud and cognito:username.
 *
 * @example
 *   const key = newSigningKey();
 *   const token = mintCognitoToken({ key, issuer, clientId, expiresIn: -60 }); // expired a minute ago
 */
import { generateKeyPairSync, type KeyObject, randomUUID, sign } from "node:crypto";

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface MintOptions {
  key: SigningKey;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
  issuer: string;
  clientId: string;
  /** Default `id`. */
  tokenUse?: "id" | "access";
  /** Added to (or replacing) the default claims. */
  claims?: Record<string, unknown>;
  /** Seconds from now; negative for an expired token. Default 3600, Cognito's default validity. */
  expiresIn?: number;
  /** Added to (or replacing) the `kid` + `alg` header. */
  header?: Record<string, unknown>;
}

/** The subject every minted token names unless its claims say otherwise (the sample user alice). */
const ALICE_SUB = "0a8e3c1e-5d7b-4a7e-9f51-3c1d2b6a9e01";

export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid: randomUUID(), privateKey, publicKey };
}

/** The key as a JWKS entry, as Cognito publishes it at `/<poolId>/.well-known/jwks.json`. */
export function publicJwk(key: SigningKey): Record<string, unknown> {
  return { ...key.publicKey.export({ format: "jwk" }), kid: key.kid, alg: "RS256", use: "sig" };
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A compact RS256 JWT shaped like the tokens Cognito issues to alice. */
export function mintCognitoToken(options: MintOptions): string {
  const now = Math.floor(Date.now() / 1000);
  const tokenUse = options.tokenUse ?? "id";
  const payload = {
    sub: ALICE_SUB,
    ...(tokenUse === "id" ? { aud: options.clientId } : { client_id: options.clientId }),
    token_use: tokenUse,
    iss: options.issuer,
    ...(tokenUse === "id"
      ? { "cognito:username": "alice", email: "alice@example.com", email_verified: true }
      : { username: "alice", scope: "aws.cognito.signin.user.admin" }),
    auth_time: now,
    iat: now,
    exp: now + (options.expiresIn ?? 3600),
    jti: randomUUID(),
    origin_jti: randomUUID(),
    event_id: randomUUID(),
    ...options.claims,
  };
  const header = { kid: options.key.kid, alg: "RS256", ...options.header };
  const data = `${b64url(header)}.${b64url(payload)}`;
  return `${data}.${sign("RSA-SHA256", Buffer.from(data), options.key.privateKey).toString("base64url")}`;
}
