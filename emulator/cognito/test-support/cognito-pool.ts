/**
 * Test support for the Cognito emulator's tests (not shipped; imported only by *.test.ts): a pool on an
 * ephemeral port, its configuration, and aws-jwt-verify pointed at it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { afterAll, beforeAll } from "vitest";
import { defaultConfig } from "../../config/defaults.js";
import type { CognitoConfig } from "../../config/types.js";
import { createForger, type Forger } from "../forge.js";
import { type CognitoServer, createCognitoServer } from "../server.js";

export function tempStateDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cognito-emu-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The pinned pool (users, client, pool id) on 127.0.0.1, port 0; a slice, not the whole stack's config. */
export function testPoolConfig(overrides: Partial<CognitoConfig> = {}): CognitoConfig {
  return { ...defaultConfig().cognito, host: "127.0.0.1", port: 0, ...overrides };
}

/**
 * aws-jwt-verify exactly as production configures it, except that the JWKS is fetched over http from
 * the emulator: a fetcher resolving to an ArrayBuffer (docs/platform-facts.md#aws-jwt-verify).
 * `fetches` counts JWKS downloads so caching behaviour is observable.
 */
export function localVerifier(config: CognitoConfig, baseUrl: string) {
  const jwksUrl = `${baseUrl}/${config.userPoolId}/.well-known/jwks.json`;
  const stats = { fetches: 0 };
  const fetcher = {
    async fetch(_uri: string): Promise<ArrayBuffer> {
      stats.fetches += 1;
      const res = await fetch(jwksUrl);
      if (!res.ok) throw new Error(`JWKS fetch failed: ${res.status}`);
      return res.arrayBuffer();
    },
  };
  const verifier = CognitoJwtVerifier.create(
    { userPoolId: config.userPoolId, tokenUse: "id", clientId: config.clientId },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
  return { verifier, stats };
}

/**
 * A pool on an ephemeral port plus a forger for alice, started and stopped by the calling test
 * file's own `beforeAll`/`afterAll`. Read `url` and `forge` inside tests, once started.
 */
export function startForgingPool(): {
  config: CognitoConfig;
  cognito: CognitoServer;
  readonly url: string;
  readonly forge: Forger;
} {
  const state = tempStateDir();
  const config = testPoolConfig();
  const cognito = createCognitoServer({ config, region: "us-east-1", stateDir: state.dir });
  let url = "";
  let forge: Forger | undefined;
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
  return {
    config,
    cognito,
    get url() {
      return url;
    },
    get forge() {
      if (!forge) throw new Error("the pool is not started yet (use it inside a test)");
      return forge;
    },
  };
}
