/**
 * Tokens minted from the stack's own key store (`<stateDir>/cognito/keys.json`), so they verify
 * against a running stack's JWKS without a sign-in and without the stack running at mint time.
 */

import { createForger, type Forger } from "../cognito/forge.js";
import { decodeJwt, type JsonObject } from "../cognito/jwt.js";
import { openKeyStore } from "../cognito/key-store.js";
import { createTokenIssuer, issuerFor } from "../cognito/tokens.js";
import type { StackConfig } from "../config/types.js";

/** Forged kinds a reviewer can ask for by name; each one the handler must refuse. */
export const FORGED_KINDS = {
  expired: (f) => f.expired(),
  "not-yet-valid": (f) => f.notYetValid(),
  "issued-in-future": (f) => f.issuedInFuture(),
  "other-pool": (f) => f.wrongIssuer("other-pool"),
  "other-region": (f) => f.wrongIssuer("other-region"),
  "http-issuer": (f) => f.wrongIssuer("http"),
  "wrong-audience": (f) => f.wrongAudience(),
  "access-as-id": (f) => f.accessTokenAsId(),
  "alg-none": (f) => f.algNone(),
  "hs256-public-key": (f) => f.hs256WithPublicKey(),
  "unknown-kid": (f) => f.unknownKid(),
  "foreign-key": (f) => f.foreignKeyRealKid(),
  "tampered-payload": (f) => f.tamperedPayload(),
  "flipped-signature": (f) => f.flippedSignature(),
  oversized: (f) => f.oversized(),
} satisfies Record<string, (forger: Forger) => Promise<string>>;

export type ForgedKind = keyof typeof FORGED_KINDS;

export interface LocalTokenRequest {
  username: string;
  /** The access token instead of the ID token. */
  access?: boolean;
  /** Lifetime in seconds (default: the pool's configured TTL). */
  expiresIn?: number;
  /** ID token claims to add or replace; `null` removes one. */
  claims?: JsonObject;
  /** The `kid` header to name (the token is still signed with the current ID key). */
  kid?: string;
  forge?: ForgedKind;
}

export class LocalTokenError extends Error {
  override name = "LocalTokenError";
}

/** Mints one token for a demo user of `config`, as `npm run token` prints it. */
export async function mintLocalToken(config: StackConfig, request: LocalTokenRequest): Promise<string> {
  const user = config.cognito.users.find((u) => u.username === request.username);
  if (!user) {
    const known = config.cognito.users.map((u) => u.username).join(", ");
    throw new LocalTokenError(`no user named ${request.username} in the pool (users: ${known})`);
  }
  const keys = openKeyStore(config.stateDir);
  if (request.access) {
    if (request.claims || request.kid || request.forge) {
      throw new LocalTokenError("--claims, --kid and --forge apply to ID tokens only");
    }
    const issuer = createTokenIssuer({ config: config.cognito, keys, clock: Date.now });
    const issued = await issuer.issue(user, {
      ...(request.expiresIn !== undefined ? { expiresIn: request.expiresIn } : {}),
    });
    return issued.accessToken;
  }
  const forger = createForger({
    keys,
    issuer: issuerFor(config.cognito.userPoolId),
    clientId: config.cognito.clientId,
    user,
  });
  if (request.forge) return FORGED_KINDS[request.forge](forger);
  const now = Math.floor(Date.now() / 1000);
  const lifetime = request.expiresIn ?? config.cognito.idTokenTtlSeconds;
  const token = await forger.valid({ exp: now + lifetime, ...request.claims });
  if (request.kid === undefined) return token;
  const payload = decodeJwt(token)?.payload;
  if (!payload) throw new LocalTokenError("unreachable: a minted token did not decode");
  return forger.sign({ kid: request.kid, alg: "RS256" }, payload);
}
