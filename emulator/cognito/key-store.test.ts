/**
 * The key store's file, its readiness and its rotations: a key file in the earlier PEM form is taken
 * over with its kids, a current one is usable at once, a new pool waits for jose to generate its keys.
 * Node's own crypto is the independent check of what jose produced.
 */
import { createHash, generateKeyPairSync, type KeyObject, verify as rsaVerify } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { signJwt } from "./jwt.js";
import { openKeyStore } from "./key-store.js";
import { createCognitoServer } from "./server.js";
import { tempStateDir, testPoolConfig } from "./test-support/cognito-pool.js";

const dirs: Array<{ remove: () => void }> = [];
function stateDir(): string {
  const state = tempStateDir();
  dirs.push(state);
  return state.dir;
}
afterAll(() => {
  for (const dir of dirs) dir.remove();
});

function writeKeyFile(dir: string, content: unknown): string {
  const file = path.join(dir, "cognito", "keys.json");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(content));
  return file;
}

/** A key as earlier releases wrote it (PKCS#8 PEM), with the kid they derived from it. */
function earlierKey(use: "id" | "access") {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const der = publicKey.export({ format: "der", type: "spki" });
  return {
    publicKey,
    stored: {
      kid: createHash("sha256").update(der).digest("base64"),
      use,
      createdAt: "2026-01-15T12:00:00.000Z",
      privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    },
  };
}

function verifiesWith(token: string, publicKey: KeyObject): boolean {
  const [h, p, s] = token.split(".") as [string, string, string];
  return rsaVerify("RSA-SHA256", Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, "base64url"));
}

describe("the key file", () => {
  it("takes over a file in the earlier PEM form: same kids and keys, rewritten as version 2", async () => {
    const dir = stateDir();
    const id = earlierKey("id");
    const access = earlierKey("access");
    const file = writeKeyFile(dir, { version: 1, keys: [id.stored, access.stored] });

    const keys = openKeyStore(dir);
    await keys.ready;
    expect(keys.all().map((k) => [k.use, k.kid])).toEqual([
      ["id", id.stored.kid],
      ["access", access.stored.kid],
    ]);
    const nodeJwk = id.publicKey.export({ format: "jwk" });
    expect(keys.jwks().keys[0]).toEqual({
      alg: "RS256",
      e: nodeJwk.e,
      kid: id.stored.kid,
      kty: "RSA",
      n: nodeJwk.n,
      use: "sig",
    });
    // The private half survived: a token signed now verifies with the public key of the old PEM.
    const token = await signJwt(
      { kid: id.stored.kid, alg: "RS256" },
      { a: 1 },
      await keys.privateKey(keys.current("id")),
    );
    expect(verifiesWith(token, id.publicKey)).toBe(true);

    const stored = JSON.parse(readFileSync(file, "utf8"));
    expect(stored.version).toBe(2);
    expect(stored.keys.map((k: { kid: string }) => k.kid)).toEqual([id.stored.kid, access.stored.kid]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("uses a current file at once: a reopened store has its keys before anything is awaited", async () => {
    const dir = stateDir();
    const first = openKeyStore(dir);
    await first.ready;
    const reopened = openKeyStore(dir);
    expect(reopened.current("id").kid).toBe(first.current("id").kid);
    expect(reopened.jwks()).toEqual(first.jwks());
  });

  it("refuses a file of an unknown version at open, naming the file", () => {
    const dir = stateDir();
    const file = writeKeyFile(dir, { version: 3, keys: [] });
    expect(() => openKeyStore(dir)).toThrow(`unsupported key file ${file}`);
  });
});

describe("readiness", () => {
  it("a new store generates its keys asynchronously; until then its accessors say so", async () => {
    const keys = openKeyStore(stateDir());
    expect(() => keys.current("id")).toThrow(/signing keys .* are not ready yet: await keys.ready first/);
    await keys.ready;
    expect(keys.current("id").kid).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(keys.jwks().keys.map((k) => k.kid)).toEqual(keys.all().map((k) => k.kid));
  });

  it("a file that cannot be read rejects `ready`, and the accessors rethrow that error", async () => {
    const dir = stateDir();
    const broken = {
      ...earlierKey("id").stored,
      privateKeyPem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
    };
    writeKeyFile(dir, { version: 1, keys: [broken, { ...broken, use: "access" }] });
    const keys = openKeyStore(dir);
    // Left alone for a while: a rejection nobody awaited yet must not end the process.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const error = await keys.ready.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(() => keys.current("id")).toThrow(error as Error);
  });

  it("a new pool's routes and listen() wait for its keys", async () => {
    const dir = stateDir();
    const config = testPoolConfig();
    const jwksPath = `/${config.userPoolId}/.well-known/jwks.json`;
    const early = createCognitoServer({ config, region: "us-east-1", stateDir: dir });
    const jwks = await request(early.app).get(jwksPath);
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys).toHaveLength(2);

    const other = createCognitoServer({ config, region: "us-east-1", stateDir: stateDir() });
    await other.listen(0, "127.0.0.1");
    try {
      expect(other.keys.all()).toHaveLength(2);
    } finally {
      await other.close();
    }
  });
});

describe("rotation", () => {
  it("keeps every key through concurrent rotations, in memory and in the file", async () => {
    const dir = stateDir();
    const keys = openKeyStore(dir);
    await keys.ready;
    const original = keys.all().map((k) => k.kid);
    const [a, b] = await Promise.all([keys.rotate(), keys.rotate()]);
    const kids = keys.all().map((k) => k.kid);
    expect([...kids].sort()).toEqual([...original, ...a.added, ...b.added].sort());
    expect(
      openKeyStore(dir)
        .all()
        .map((k) => k.kid),
    ).toEqual(kids);
  });
});
