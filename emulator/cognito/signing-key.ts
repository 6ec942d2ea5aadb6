import { createHash } from "node:crypto";
import { exportJWK, exportSPKI, generateKeyPair, importJWK, importPKCS8, type JWK } from "jose";

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

/** One of the pool's RSA keys: what `keys.json` stores for it, and its published half. */
export interface SigningKey {
  kid: string;
  use: KeyUse;
  createdAt: string;
  /** The RSA private key as jose exports it (`kty`, `n`, `e`, `d`, `p`, `q`, `dp`, `dq`, `qi`). */
  privateJwk: JWK;
  jwk: PublicJwk;
}

/** A new 2048-bit RS256 key pair, generated and exported by jose. */
export async function generateSigningKey(use: KeyUse, createdAt: string): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  return signingKeyFrom(await exportJWK(privateKey), use, createdAt);
}

/** A key as earlier releases stored it: PKCS#8 PEM, read by jose and re-exported as a JWK. */
export async function signingKeyFromPem(pem: string, use: KeyUse, createdAt: string): Promise<SigningKey> {
  const privateKey = await importPKCS8(pem, "RS256", { extractable: true });
  return signingKeyFrom(await exportJWK(privateKey), use, createdAt);
}

/** A key as `keys.json` stores it now; nothing to compute, so a restarted pool has its keys at once. */
export function signingKeyFromStored(stored: {
  kid: string;
  use: KeyUse;
  createdAt: string;
  privateJwk: JWK;
}): SigningKey {
  const { kid, use, createdAt, privateJwk } = stored;
  return { kid, use, createdAt, privateJwk, jwk: publicJwk(privateJwk, kid) };
}

/** The SPKI PEM of a key's public half, as Node and OpenSSL write it (jose's PEM plus the final newline). */
export async function publicKeyPem(key: SigningKey): Promise<string> {
  const { kty, n, e } = key.privateJwk;
  const publicKey = await importJWK({ kty, n, e }, "RS256");
  return `${await exportSPKI(publicKey as CryptoKey)}\n`;
}

async function signingKeyFrom(privateJwk: JWK, use: KeyUse, createdAt: string): Promise<SigningKey> {
  const kid = await kidFor(privateJwk);
  return { kid, use, createdAt, privateJwk, jwk: publicJwk(privateJwk, kid) };
}

/**
 * Base64 SHA-256 of the public key (SPKI DER), as earlier releases derived it: keys kept in a state
 * folder keep their kids.
 * Assumption: Cognito's kid format is undocumented; its kids are 44-char standard base64 (with "=",
 * "+", "/"), so a base64 SHA-256 of the public key has the same shape and is stable per key.
 */
async function kidFor(privateJwk: JWK): Promise<string> {
  const { kty, n, e } = privateJwk;
  const pem = await exportSPKI((await importJWK({ kty, n, e }, "RS256")) as CryptoKey);
  const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ""), "base64");
  return createHash("sha256").update(der).digest("base64");
}

function publicJwk(privateJwk: JWK, kid: string): PublicJwk {
  const { n, e } = privateJwk;
  if (privateJwk.kty !== "RSA" || !n || !e) throw new Error(`key ${kid} is not an RSA key with n and e`);
  return { alg: "RS256", e, kid, kty: "RSA", n, use: "sig" };
}
