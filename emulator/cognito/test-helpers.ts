/**
 * Shared fixtures for the Cognito emulator's tests (not shipped; imported only by *.test.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { defaultConfig } from "../config/defaults.js";
import type { CognitoConfig } from "../config/types.js";

export function tempStateDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cognito-emu-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testConfig(overrides: Partial<CognitoConfig> = {}): CognitoConfig {
  return { ...defaultConfig().cognito, host: "127.0.0.1", port: 0, ...overrides };
}

/**
 * aws-jwt-verify exactly as production configures it, except that the JWKS is fetched over http from
 * the emulator: a fetcher resolving to an ArrayBuffer (aws-facts.md, "Cognito tokens and aws-jwt-verify").
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
