import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Cognito signs ID and access tokens with different keys (Cognito developer guide, token pages). */
export type KeyUse = "id" | "access";

/** A public key as the pool's JWKS publishes it (field set and order as Cognito's jwks.json). */
export interface PublicJwk {
  alg: "RS256";
  e: string;
  kid: string;
  kty: "RSA";
  n: string;
  use: "sig";
}

export interface SigningKey {
  kid: string;
  use: KeyUse;
  createdAt: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: PublicJwk;
}

export interface RotateResult {
  added: string[];
  retired: string[];
}

/**
 * The pool's RSA signing keys, persisted in `<stateDir>/cognito/keys.json` so tokens survive a restart.
 *
 * @example
 *   const keys = openKeyStore("/tmp/state");
 *   keys.current("id").kid; keys.jwks(); keys.rotate({ retireOld: true });
 */
export interface KeyStore {
  /** The newest key of that use: the one new tokens are signed with. */
  current(use: KeyUse): SigningKey;
  /** Every published key, oldest first. */
  all(): SigningKey[];
  find(kid: string): SigningKey | undefined;
  /** `{ keys: [...] }` as served at `/<poolId>/.well-known/jwks.json`. */
  jwks(): { keys: PublicJwk[] };
  /** PEM (SPKI) of a key's public half: what an HS256-confusion attack uses as its secret. */
  publicKeyPem(kid: string): string;
  /** Adds a new ID key and a new access key; `retireOld` drops every older key from the JWKS. */
  rotate(options?: { retireOld?: boolean }): RotateResult;
  readonly file: string;
}

interface StoredKey {
  kid: string;
  use: KeyUse;
  createdAt: string;
  privateKeyPem: string;
}

interface StoredFile {
  version: 1;
  keys: StoredKey[];
}

export function openKeyStore(stateDir: string, clock: () => number = Date.now): KeyStore {
  const file = path.join(stateDir, "cognito", "keys.json");
  let keys = load(file);
  if (!keys.some((k) => k.use === "id") || !keys.some((k) => k.use === "access")) {
    keys = [generate("id", clock), generate("access", clock)];
    save(file, keys);
  }

  const byUse = (use: KeyUse) => keys.filter((k) => k.use === use);
  return {
    file,
    current(use) {
      const list = byUse(use);
      const key = list[list.length - 1];
      if (!key) throw new Error(`no ${use} signing key`);
      return key;
    },
    all: () => [...keys],
    find: (kid) => keys.find((k) => k.kid === kid),
    jwks: () => ({ keys: keys.map((k) => k.jwk) }),
    publicKeyPem(kid) {
      const key = keys.find((k) => k.kid === kid);
      if (!key) throw new Error(`unknown kid ${kid}`);
      return key.publicKey.export({ format: "pem", type: "spki" }).toString();
    },
    rotate(options = {}) {
      const fresh = [generate("id", clock), generate("access", clock)];
      const retired = options.retireOld ? keys.map((k) => k.kid) : [];
      keys = options.retireOld ? fresh : [...keys, ...fresh];
      save(file, keys);
      return { added: fresh.map((k) => k.kid), retired };
    },
  };
}

function generate(use: KeyUse, clock: () => number): SigningKey {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 0x10001 });
  return fromPrivate(privateKey, use, new Date(clock()).toISOString());
}

function fromPrivate(privateKey: KeyObject, use: KeyUse, createdAt: string): SigningKey {
  const publicKey = createPublicKey(privateKey);
  // Assumption: Cognito's kid format is undocumented; its kids are 44-char standard base64 (with "=",
  // "+", "/"), so a base64 SHA-256 of the public key has the same shape and is stable per key.
  const kid = createHash("sha256")
    .update(publicKey.export({ format: "der", type: "spki" }))
    .digest("base64");
  const { n, e } = publicKey.export({ format: "jwk" });
  if (!n || !e) throw new Error("RSA public key without n/e");
  return {
    kid,
    use,
    createdAt,
    privateKey,
    publicKey,
    jwk: { alg: "RS256", e, kid, kty: "RSA", n, use: "sig" },
  };
}

function load(file: string): SigningKey[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const stored = JSON.parse(text) as StoredFile;
  if (stored.version !== 1 || !Array.isArray(stored.keys)) throw new Error(`unsupported key file ${file}`);
  return stored.keys.map((k) => fromPrivate(createPrivateKey(k.privateKeyPem), k.use, k.createdAt));
}

function save(file: string, keys: SigningKey[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const stored: StoredFile = {
    version: 1,
    keys: keys.map((k) => ({
      kid: k.kid,
      use: k.use,
      createdAt: k.createdAt,
      privateKeyPem: k.privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    })),
  };
  // Write then rename, so a crash never leaves a half-written key file behind.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}
