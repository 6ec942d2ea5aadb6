import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { importJWK } from "jose";
import { tempNameFor } from "../common/temp-name.js";
import {
  generateSigningKey,
  type KeyUse,
  type PublicJwk,
  publicKeyPem,
  type SigningKey,
  signingKeyFromPem,
  signingKeyFromStored,
} from "./signing-key.js";

export type { KeyUse, PublicJwk, SigningKey } from "./signing-key.js";

export interface RotateResult {
  added: string[];
  retired: string[];
}

/**
 * The pool's RSA signing keys, persisted in `<stateDir>/cognito/keys.json` so tokens survive a restart.
 * jose generates, imports and exports them, and that is asynchronous: a new pool (or a key file in the
 * earlier PEM form) is usable once `ready` resolves. A pool whose `keys.json` is current is ready at once.
 *
 * @example
 *   const keys = openKeyStore("/tmp/state");
 *   await keys.ready;
 *   keys.current("id").kid; keys.jwks(); await keys.rotate({ retireOld: true });
 */
export interface KeyStore {
  /** Resolves once the keys are loaded, or generated and saved; rejects if that failed. */
  readonly ready: Promise<void>;
  /** The newest key of that use: the one new tokens are signed with. Throws before `ready`. */
  current(use: KeyUse): SigningKey;
  /** Every published key, oldest first. Throws before `ready`. */
  all(): SigningKey[];
  find(kid: string): SigningKey | undefined;
  /** `{ keys: [...] }` as served at `/<poolId>/.well-known/jwks.json`. Throws before `ready`. */
  jwks(): { keys: PublicJwk[] };
  /** The key's private half to sign with, imported by jose from the stored JWK (once per key). */
  privateKey(key: SigningKey): Promise<CryptoKey>;
  /** PEM (SPKI) of a key's public half: what an HS256-confusion attack uses as its secret. */
  publicKeyPem(kid: string): Promise<string>;
  /** Adds a new ID key and a new access key; `retireOld` drops every older key from the JWKS. */
  rotate(options?: { retireOld?: boolean }): Promise<RotateResult>;
  readonly file: string;
}

/** `keys.json` now: each private key as a JWK (jose's export), its kid and use. */
interface StoredFileV2 {
  version: 2;
  keys: Array<Pick<SigningKey, "kid" | "use" | "createdAt" | "privateJwk">>;
}

/** `keys.json` as earlier releases wrote it: PKCS#8 PEM. Read, then rewritten as version 2. */
interface StoredFileV1 {
  version: 1;
  keys: Array<{ kid: string; use: KeyUse; createdAt: string; privateKeyPem: string }>;
}

export function openKeyStore(stateDir: string, clock: () => number = Date.now): KeyStore {
  const file = path.join(stateDir, "cognito", "keys.json");
  const stored = readKeyFile(file);
  const current = stored?.version === 2 ? stored.keys.map(signingKeyFromStored) : undefined;
  let keys = current && hasBothUses(current) ? current : undefined;
  let failure: { error: unknown } | undefined;
  const opening = keys ? Promise.resolve(keys) : loadOrGenerate(file, stored, clock);
  const ready = opening.then(
    (loaded) => {
      keys = loaded;
    },
    (error: unknown) => {
      failure = { error };
      throw error;
    },
  );
  // Marked handled here; whoever awaits `ready` (the server, the CLI) still sees the error.
  ready.catch(() => {});
  const imported = new Map<string, Promise<CryptoKey>>();

  const loaded = (): SigningKey[] => {
    if (keys) return keys;
    if (failure) throw failure.error;
    throw new Error(`the pool's signing keys (${file}) are not ready yet: await keys.ready first`);
  };
  const find = (kid: string) => loaded().find((k) => k.kid === kid);
  const need = (kid: string) => {
    const key = find(kid);
    if (!key) throw new Error(`unknown kid ${kid}`);
    return key;
  };

  return {
    file,
    ready,
    current(use) {
      const list = loaded().filter((k) => k.use === use);
      const key = list[list.length - 1];
      if (!key) throw new Error(`no ${use} signing key`);
      return key;
    },
    all: () => [...loaded()],
    find,
    jwks: () => ({ keys: loaded().map((k) => k.jwk) }),
    privateKey(key) {
      let cryptoKey = imported.get(key.kid);
      if (!cryptoKey) {
        cryptoKey = importJWK(key.privateJwk, "RS256") as Promise<CryptoKey>;
        imported.set(key.kid, cryptoKey);
      }
      return cryptoKey;
    },
    async publicKeyPem(kid) {
      await ready;
      return publicKeyPem(need(kid));
    },
    async rotate(options = {}) {
      await ready;
      const fresh = await generatePair(clock);
      // Read after generating, and changed without awaiting: a concurrent rotation's keys are kept.
      const before = loaded();
      const retired = options.retireOld ? before.map((k) => k.kid) : [];
      const next = options.retireOld ? fresh : [...before, ...fresh];
      save(file, next);
      keys = next;
      return { added: fresh.map((k) => k.kid), retired };
    },
  };
}

/** The keys of an earlier release's file (migrated and saved), or a new pair (saved). */
async function loadOrGenerate(
  file: string,
  stored: StoredFileV1 | StoredFileV2 | undefined,
  clock: () => number,
): Promise<SigningKey[]> {
  if (stored?.version === 1) {
    const migrated = await Promise.all(
      stored.keys.map((k) => signingKeyFromPem(k.privateKeyPem, k.use, k.createdAt)),
    );
    if (hasBothUses(migrated)) {
      save(file, migrated);
      return migrated;
    }
  }
  const fresh = await generatePair(clock);
  save(file, fresh);
  return fresh;
}

function generatePair(clock: () => number): Promise<SigningKey[]> {
  const createdAt = new Date(clock()).toISOString();
  return Promise.all([generateSigningKey("id", createdAt), generateSigningKey("access", createdAt)]);
}

function hasBothUses(keys: SigningKey[]): boolean {
  return keys.some((k) => k.use === "id") && keys.some((k) => k.use === "access");
}

function readKeyFile(file: string): StoredFileV1 | StoredFileV2 | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const stored = JSON.parse(text) as StoredFileV1 | StoredFileV2;
  if ((stored.version !== 1 && stored.version !== 2) || !Array.isArray(stored.keys)) {
    throw new Error(`unsupported key file ${file}`);
  }
  return stored;
}

function save(file: string, keys: SigningKey[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const stored: StoredFileV2 = {
    version: 2,
    keys: keys.map(({ kid, use, createdAt, privateJwk }) => ({ kid, use, createdAt, privateJwk })),
  };
  // Write then rename, so a crash never leaves a half-written key file behind.
  const tmp = tempNameFor(file);
  writeFileSync(tmp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}
