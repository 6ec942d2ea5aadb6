import { decodeJwt as decodeClaims, decodeProtectedHeader, type JWTHeaderParameters, SignJWT } from "jose";

/** A JWT header or payload: plain JSON fields. */
export type JsonObject = Record<string, unknown>;

/**
 * `<header>.<payload>.<signature>` signed by jose: the header exactly as given (its fields in their
 * order, nothing added) and the claims in their order. The header's `alg` chooses the algorithm: RS256
 * with an RSA private key, HS256 with bytes as the secret.
 */
export function signJwt(
  header: JWTHeaderParameters,
  payload: JsonObject,
  key: CryptoKey | Uint8Array,
): Promise<string> {
  return new SignJWT(payload).setProtectedHeader(header).sign(key);
}

export interface DecodedJwt {
  header: JsonObject;
  payload: JsonObject;
}

/** A compact JWS's header and claims, unverified (jose's decoders); undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  try {
    return { header: decodeProtectedHeader(token), payload: decodeClaims(token) };
  } catch {
    return undefined;
  }
}
