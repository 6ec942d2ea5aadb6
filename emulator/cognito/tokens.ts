import { randomUUID } from "node:crypto";
import type { CognitoConfig, DemoUser } from "../config/types.js";
import { type JsonObject, signJwt } from "./jwt.js";
import type { KeyStore } from "./key-store.js";

/** The only scope a USER_PASSWORD_AUTH access token carries (Cognito developer guide, access token). */
export const USER_ADMIN_SCOPE = "aws.cognito.signin.user.admin";

/**
 * `https://cognito-idp.<region>.amazonaws.com/<poolId>`, the region being the pool id's prefix
 * (Cognito developer guide, ID token `iss`; aws-jwt-verify derives it the same way).
 */
export function issuerFor(userPoolId: string): string {
  const region = userPoolId.split("_")[0] ?? "";
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

export interface IssueOptions {
  /** Seconds since the epoch of the original sign-in; kept across refreshes as Cognito does. */
  authTime?: number;
  /** Identifies the original authentication; refreshed tokens keep it (Cognito: `origin_jti`). */
  originJti?: string;
  /** Overrides or extends the ID token's claims; `null` removes a claim. */
  claims?: Record<string, unknown>;
  /** Lifetime of both tokens in seconds; defaults to the configured TTLs. */
  expiresIn?: number;
}

export interface IssuedTokens {
  idToken: string;
  accessToken: string;
  originJti: string;
  /** Seconds, as `AuthenticationResult.ExpiresIn`. */
  expiresIn: number;
}

export interface TokenIssuer {
  readonly issuer: string;
  issue(user: DemoUser, options?: IssueOptions): Promise<IssuedTokens>;
}

/**
 * Builds and signs ID and access tokens with the claim sets of the Cognito developer guide
 * ("Understanding the ID token" / "the access token"): RS256, kid header, separate keys. jose signs them.
 */
export function createTokenIssuer(deps: {
  config: CognitoConfig;
  keys: KeyStore;
  clock: () => number;
}): TokenIssuer {
  const { config, keys, clock } = deps;
  const issuer = issuerFor(config.userPoolId);
  return {
    issuer,
    async issue(user, options = {}) {
      // The pool's clock is read before anything is awaited: the tokens carry the time of the request.
      const now = Math.floor(clock() / 1000);
      const authTime = options.authTime ?? now;
      const originJti = options.originJti ?? randomUUID();
      const eventId = randomUUID();
      const idTtl = options.expiresIn ?? config.idTokenTtlSeconds;
      const accessTtl = options.expiresIn ?? config.accessTokenTtlSeconds;
      const groups = user.groups.length > 0 ? { "cognito:groups": [...user.groups] } : {};

      const idClaims: JsonObject = {
        sub: user.sub,
        ...groups,
        email_verified: true,
        iss: issuer,
        "cognito:username": user.username,
        origin_jti: originJti,
        aud: config.clientId,
        event_id: eventId,
        token_use: "id",
        auth_time: authTime,
        exp: now + idTtl,
        iat: now,
        jti: randomUUID(),
        email: user.email,
      };
      for (const [name, value] of Object.entries(options.claims ?? {})) {
        if (value === null) delete idClaims[name];
        else idClaims[name] = value;
      }
      // Access tokens also carry cognito:groups (Cognito developer guide, access token payload).
      const accessClaims: JsonObject = {
        sub: user.sub,
        ...groups,
        iss: issuer,
        client_id: config.clientId,
        origin_jti: originJti,
        event_id: eventId,
        token_use: "access",
        scope: USER_ADMIN_SCOPE,
        auth_time: authTime,
        exp: now + accessTtl,
        iat: now,
        jti: randomUUID(),
        username: user.username,
      };
      await keys.ready;
      const idKey = keys.current("id");
      const accessKey = keys.current("access");
      const [idToken, accessToken] = await Promise.all([
        signJwt({ kid: idKey.kid, alg: "RS256" }, idClaims, await keys.privateKey(idKey)),
        signJwt({ kid: accessKey.kid, alg: "RS256" }, accessClaims, await keys.privateKey(accessKey)),
      ]);
      return { idToken, accessToken, originJti, expiresIn: accessTtl };
    },
  };
}
