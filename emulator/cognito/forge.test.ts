/**
 * What the forged tokens are, beyond "a verifier refuses them" (verifier.test.ts, handler-auth.test.ts):
 * a refusal alone would also pass for a token signed wrongly by mistake. Each attack is checked to be
 * the real one, with Node's crypto or jose's verifiers as the independent check.
 */
import { createHmac, createPublicKey, verify as rsaVerify } from "node:crypto";
import { base64url, compactVerify, EmbeddedJWK, importJWK, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createForger, type Forger } from "./forge.js";
import { type KeyStore, openKeyStore } from "./key-store.js";
import { tempStateDir, testPoolConfig } from "./test-support/cognito-pool.js";
import { issuerFor } from "./tokens.js";

const state = tempStateDir();
const config = testPoolConfig();
let keys: KeyStore;
let forge: Forger;

beforeAll(async () => {
  keys = openKeyStore(state.dir);
  await keys.ready;
  const alice = config.users.find((u) => u.username === "alice");
  if (!alice) throw new Error("default config lost alice");
  forge = createForger({
    keys,
    issuer: issuerFor(config.userPoolId),
    clientId: config.clientId,
    user: alice,
  });
});
afterAll(() => state.remove());

const parts = (token: string) => token.split(".") as [string, string, string];
const json = (segment: string) => JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));

describe("the forged tokens are the attacks they are named after", () => {
  it("HS256 confusion: the MAC is keyed with the published key's PEM, as Node writes it from the JWKS", async () => {
    const [h, p, s] = parts(await forge.hs256WithPublicKey());
    expect(json(h)).toEqual({ kid: keys.current("id").kid, alg: "HS256" });
    // What an attacker holds: the JWKS entry, turned into PEM.
    const pem = createPublicKey({ key: { ...keys.current("id").jwk }, format: "jwk" })
      .export({ format: "pem", type: "spki" })
      .toString();
    expect(createHmac("sha256", pem).update(`${h}.${p}`).digest("base64url")).toBe(s);
  });

  it("alg none without a signature is jose's unsecured JWT, carrying the ID claims", async () => {
    const token = await forge.algNone();
    expect(json(parts(token)[0])).toEqual({ alg: "none" });
    const { payload } = UnsecuredJWT.decode(token);
    expect(payload).toMatchObject({ token_use: "id", aud: config.clientId, "cognito:username": "alice" });
  });

  it("alg none with a signature keeps the kid and the genuine RS256 signature of the original header", async () => {
    const [h, p, s] = parts(await forge.algNone({ withSignature: true }));
    const kid = keys.current("id").kid;
    expect(json(h)).toEqual({ kid, alg: "none" });
    const original = base64url.encode(JSON.stringify({ kid, alg: "RS256" }));
    const publicKey = createPublicKey({ key: { ...keys.current("id").jwk }, format: "jwk" });
    expect(
      rsaVerify("RSA-SHA256", Buffer.from(`${original}.${p}`), publicKey, Buffer.from(s, "base64url")),
    ).toBe(true);
  });

  it("an embedded jwk header names the key that really signed the token (and the real kid)", async () => {
    const token = await forge.headerPointer("jwk");
    const { protectedHeader } = await compactVerify(token, EmbeddedJWK);
    expect(protectedHeader.kid).toBe(keys.current("id").kid);
    expect(protectedHeader.jwk).toEqual({ ...(await forge.foreignPublicJwk()), alg: "RS256", use: "sig" });
  });

  it("the foreign-key token is genuinely signed by the foreign key, under the pool's kid", async () => {
    const token = await forge.foreignKeyRealKid();
    const foreign = await importJWK(await forge.foreignPublicJwk(), "RS256");
    const { protectedHeader } = await compactVerify(token, foreign);
    expect(protectedHeader).toEqual({ kid: keys.current("id").kid, alg: "RS256" });
    expect(keys.jwks().keys.map((k) => k.n)).not.toContain((await forge.foreignPublicJwk()).n);
  });
});
