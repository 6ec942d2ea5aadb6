import { readFileSync, statSync } from "node:fs";
import { KidNotFoundInJwksError } from "aws-jwt-verify/error";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createForger } from "./forge.js";
import { createCognitoServer } from "./server.js";
import { localVerifier, tempStateDir, testPoolConfig } from "./test-support/cognito-pool.js";

const state = tempStateDir();
const config = testPoolConfig();
const cognito = createCognitoServer({ config, region: "us-east-1", stateDir: state.dir });
let url = "";

beforeAll(async () => {
  ({ url } = await cognito.listen(0, "127.0.0.1"));
});
afterAll(async () => {
  await cognito.close();
  state.remove();
});

describe("signing keys", () => {
  it("keeps keys across a restart: same stateDir, same kids (keys.json in <stateDir>/cognito)", async () => {
    const file = `${state.dir}/cognito/keys.json`;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, "utf8"));
    expect(stored.keys.map((k: { use: string }) => k.use)).toEqual(["id", "access"]);
    const restarted = createCognitoServer({ config, region: "us-east-1", stateDir: state.dir });
    expect(restarted.keys.current("id").kid).toBe(cognito.keys.current("id").kid);
    expect(restarted.keys.current("access").kid).toBe(cognito.keys.current("access").kid);
    // A token minted before the restart verifies against the restarted pool's JWKS.
    const { idToken } = await cognito.mintTokens("alice");
    const second = await restarted.listen(0, "127.0.0.1");
    try {
      const payload = await localVerifier(config, second.url).verifier.verify(idToken);
      expect(payload["cognito:username"]).toBe("alice");
    } finally {
      await restarted.close();
    }
  });

  it("after /_dev/keys/rotate, new tokens verify through a verifier that had cached the old JWKS", async () => {
    const { verifier, stats } = localVerifier(config, url);
    const before = await cognito.mintTokens("alice");
    await verifier.verify(before.idToken);
    expect(stats.fetches).toBe(1);

    const rotated = await request(cognito.app).post("/_dev/keys/rotate").send({});
    expect(rotated.status).toBe(200);
    expect(rotated.body.added).toHaveLength(2);
    expect(rotated.body.retired).toEqual([]);
    expect(rotated.body.current.id).not.toBe(
      JSON.parse(Buffer.from(before.idToken.split(".")[0] ?? "", "base64url").toString()).kid,
    );

    const after = await cognito.mintTokens("alice");
    expect((await verifier.verify(after.idToken))["cognito:username"]).toBe("alice");
    // The unknown kid made the cache fetch the JWKS once more; the old key is still published.
    expect(stats.fetches).toBe(2);
    expect((await verifier.verify(before.idToken))["cognito:username"]).toBe("alice");
    const jwks = await request(cognito.app).get(`/${config.userPoolId}/.well-known/jwks.json`);
    expect(jwks.body.keys).toHaveLength(4);
  });

  it("rotate with retireOld drops old keys: a token signed by a removed key is refused", async () => {
    const alice = config.users[0];
    if (!alice) throw new Error("no demo user");
    const forge = createForger({
      keys: cognito.keys,
      issuer: cognito.issuer,
      clientId: config.clientId,
      user: alice,
    });
    const old = await forge.valid();
    const rotated = await request(cognito.app).post("/_dev/keys/rotate").send({ retireOld: true });
    expect(rotated.status).toBe(200);
    expect(rotated.body.retired.length).toBeGreaterThanOrEqual(2);
    const jwks = await request(cognito.app).get(`/${config.userPoolId}/.well-known/jwks.json`);
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid).sort()).toEqual([...rotated.body.added].sort());

    const { verifier } = localVerifier(config, url);
    await expect(verifier.verify(old)).rejects.toBeInstanceOf(KidNotFoundInJwksError);
    const fresh = await cognito.mintTokens("alice");
    const { verifier: other } = localVerifier(config, url);
    expect((await other.verify(fresh.idToken)).token_use).toBe("id");
  });

  it("refuses a malformed rotate body", async () => {
    const res = await request(cognito.app).post("/_dev/keys/rotate").send({ retireOld: "yes" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("INVALID_REQUEST");
  });
});
