import type http from "node:http";
import express from "express";
import type { CognitoConfig } from "../config/types.js";
import { type DevAccessSettings, devAccess } from "../stack/dev-access.js";
import { type EmulatedService, httpService } from "../stack/http-service.js";
import type { ServiceLog } from "../stack/logger.js";
import { cors } from "./cors.js";
import { devRouter, type MintOptions, type MintResult } from "./dev-routes.js";
import { internalError } from "./errors.js";
import { idpApiRouter } from "./idp-api.js";
import { type KeyStore, openKeyStore } from "./key-store.js";
import { findUser, type IdpContext } from "./operations/context.js";
import { createSessionStore, type SessionStore } from "./session-store.js";
import { createSrpChallenges } from "./srp-challenges.js";
import { createTokenIssuer, type TokenIssuer } from "./tokens.js";
import { wellKnownRouter } from "./well-known.js";

export interface CognitoServerOptions {
  config: CognitoConfig;
  region: string;
  /** Root of the git-ignored state folder; keys live in `<stateDir>/cognito/keys.json`. */
  stateDir: string;
  /** Milliseconds since the epoch; injectable so expiry is testable. */
  clock?: () => number;
  /** The stack adds the time and the service name (stack/logger.ts); messages carry neither. */
  log?: ServiceLog;
  /** Who may use `/_dev/*` (emulator/stack/dev-access.ts); the configured host is a name of its own. */
  devAccess?: DevAccessSettings;
}

export interface MintedTokens {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
}

export interface CognitoServer extends EmulatedService {
  /** What the server runs (health, the routes, faults contained); usable with supertest without listening. */
  app: http.RequestListener;
  keys: KeyStore;
  tokens: TokenIssuer;
  sessions: SessionStore;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
  issuer: string;
  /** Mints tokens for a configured user, as `POST /_dev/tokens` does. Rejects for an unknown user. */
  mintTokens(username: string, opts?: MintOptions): Promise<MintedTokens>;
}

/**
 * The emulated Cognito user pool: JWKS + OIDC discovery, the IdP JSON API for sign-in, dev minting.
 *
 * @example
 *   const cognito = createCognitoServer({ config: cfg.cognito, region: cfg.region, stateDir: cfg.stateDir });
 *   const { url } = await cognito.listen(0, "127.0.0.1");
 *   const { idToken } = await cognito.mintTokens("alice");
 *   await cognito.close();
 */
export function createCognitoServer(options: CognitoServerOptions): CognitoServer {
  const { config } = options;
  const clock = options.clock ?? Date.now;
  const log = options.log ?? (() => {});
  const keys = openKeyStore(options.stateDir, clock);
  const tokens = createTokenIssuer({ config, keys, clock });
  const sessions = createSessionStore();
  const ctx: IdpContext = { config, keys, tokens, sessions, srp: createSrpChallenges(), clock };
  const poolRegion = config.userPoolId.split("_")[0];
  if (poolRegion !== options.region) {
    log(`pool ${config.userPoolId} is not in region ${options.region}; the issuer follows the pool id`);
  }

  const mint = async (username: string, opts: MintOptions): Promise<MintResult> => {
    const user = findUser(config, username);
    if (!user) return { ok: false, reason: "unknown-user" };
    const issued = await tokens.issue(user, opts);
    // Dev-minted tokens belong to the user too, so GlobalSignOut revokes them.
    sessions.track(user.username, issued.originJti);
    return { ok: true, idToken: issued.idToken, accessToken: issued.accessToken };
  };

  const app = express();
  app.disable("x-powered-by");
  // Every route below reads the signing keys, which a new pool generates asynchronously (key-store.ts).
  app.use(async (_req, _res, next) => {
    await keys.ready;
    next();
  });
  // Before the IdP API's CORS (any origin): the dev routes answer CORS themselves, for the playground only.
  const dev = devAccess({ serviceHost: config.host, ...options.devAccess });
  app.use(devRouter({ keys, mint, log, devAccess: dev }));
  app.use(cors);
  app.use(wellKnownRouter({ userPoolId: config.userPoolId, issuer: tokens.issuer, keys }));
  app.use(idpApiRouter(ctx, log));

  const service = httpService(app, {
    name: "cognito",
    internalError,
    log,
    defaults: { port: config.port, host: config.host },
  });
  return {
    close: service.close,
    /** Listening means able to sign: a new pool's keys are generated and saved first. */
    async listen(port, host) {
      await keys.ready;
      return service.listen(port, host);
    },
    app: service.listener,
    keys,
    tokens,
    sessions,
    issuer: tokens.issuer,
    async mintTokens(username, opts = {}) {
      const result = await mint(username, opts);
      if (!result.ok) throw new Error(`No user named ${username} in the pool`);
      return { idToken: result.idToken, accessToken: result.accessToken };
    },
  };
}
