import { createHmac, randomBytes } from "node:crypto";
import { sha256Hex } from "../aws/sigv4-canonical.js";

/**
 * Server side of Cognito's SRP-6a (USER_SRP_AUTH + PASSWORD_VERIFIER), matching the client math in
 * aws-amplify v6 (`@aws-amplify/auth` utils/srp) and amazon-cognito-identity-js AuthenticationHelper:
 * the RFC 5054/3526 3072-bit group, g = 2, SHA-256, k = H(N | g), x = H(salt | H(pool | user ":" pw)),
 * key = HKDF(S, salt = u, info "Caldera Derived Key" 0x01)[0..16).
 */
const N_HEX =
  "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
  "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
  "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
  "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
  "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
  "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
  "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
  "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";
export const N = BigInt(`0x${N_HEX}`);
export const G = 2n;

/** Hex of a non-negative integer, even length, with a leading 00 when the top bit is set (as the clients pad). */
export function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2 !== 0) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}

const hashHex = (hex: string) => sha256Hex(Buffer.from(hex, "hex"));
const toBig = (hex: string) => BigInt(`0x${hex}`);

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

const K = toBig(hashHex(padHex(N) + padHex(G)));

/** The password-derived private value x (same as the client computes). */
function passwordX(poolName: string, userId: string, password: string, saltHex: string): bigint {
  return toBig(hashHex(padHex(toBig(saltHex)) + sha256Hex(`${poolName}${userId}:${password}`)));
}

export interface SrpServerState {
  saltHex: string;
  /** Server secret b and public B. */
  b: bigint;
  B: bigint;
  v: bigint;
}

/** Starts a server session for a user whose password the pool knows: salt, verifier, b and B. */
export function startServer(poolName: string, userId: string, password: string): SrpServerState {
  const saltHex = randomBytes(16).toString("hex");
  const v = modPow(G, passwordX(poolName, userId, password, saltHex), N);
  let b = 0n;
  let B = 0n;
  // B mod N must not be 0 (SRP-6a); loop is bounded in practice to one iteration.
  for (let i = 0; i < 8 && B === 0n; i++) {
    b = toBig(randomBytes(32).toString("hex"));
    B = (K * v + modPow(G, b, N)) % N;
  }
  return { saltHex, b, B, v };
}

/** The 16-byte key both sides derive, or undefined for an illegal A (A mod N = 0 or u = 0). */
export function serverKey(state: SrpServerState, A: bigint): Buffer | undefined {
  if (A % N === 0n) return undefined;
  const u = toBig(hashHex(padHex(A) + padHex(state.B)));
  if (u === 0n) return undefined;
  const S = modPow(A * modPow(state.v, u, N), state.b, N);
  const prk = createHmac("sha256", Buffer.from(padHex(u), "hex"))
    .update(Buffer.from(padHex(S), "hex"))
    .digest();
  const info = Buffer.concat([Buffer.from("Caldera Derived Key", "utf8"), Buffer.from([1])]);
  return createHmac("sha256", prk).update(info).digest().subarray(0, 16);
}

/** PASSWORD_CLAIM_SIGNATURE: base64 HMAC-SHA256(key, pool | user | secret block bytes | timestamp). */
export function claimSignature(
  key: Buffer,
  poolName: string,
  userId: string,
  secretBlock: string,
  timestamp: string,
) {
  return createHmac("sha256", key)
    .update(
      Buffer.concat([
        Buffer.from(poolName + userId, "utf8"),
        Buffer.from(secretBlock, "base64"),
        Buffer.from(timestamp, "utf8"),
      ]),
    )
    .digest("base64");
}

/** Client side, for tests: the same math Amplify runs (a, A, then the key from B and the password). */
export function clientKey(opts: {
  a: bigint;
  B: bigint;
  poolName: string;
  userId: string;
  password: string;
  saltHex: string;
}) {
  const A = modPow(G, opts.a, N);
  const u = toBig(hashHex(padHex(A) + padHex(opts.B)));
  const x = passwordX(opts.poolName, opts.userId, opts.password, opts.saltHex);
  const S = modPow(opts.B - K * modPow(G, x, N), opts.a + u * x, N);
  const prk = createHmac("sha256", Buffer.from(padHex(u), "hex"))
    .update(Buffer.from(padHex(S), "hex"))
    .digest();
  const info = Buffer.concat([Buffer.from("Caldera Derived Key", "utf8"), Buffer.from([1])]);
  return createHmac("sha256", prk).update(info).digest().subarray(0, 16);
}
