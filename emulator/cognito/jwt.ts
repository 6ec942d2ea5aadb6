import { createSign, createVerify, type KeyObject } from "node:crypto";

/** A JWT header or payload: plain JSON fields. */
export type JsonObject = Record<string, unknown>;

export function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64url");
}

export function encodeSegment(value: JsonObject): string {
  return base64url(JSON.stringify(value));
}

/** `<header>.<payload>.<RS256 signature>`; the caller chooses the header (kid, extra fields). */
export function signRs256(header: JsonObject, payload: JsonObject, privateKey: KeyObject): string {
  const signingInput = `${encodeSegment(header)}.${encodeSegment(payload)}`;
  const signature = createSign("RSA-SHA256").update(signingInput).sign(privateKey);
  return `${signingInput}.${base64url(signature)}`;
}

export interface DecodedJwt {
  header: JsonObject;
  payload: JsonObject;
  signingInput: string;
  signature: Buffer;
}

/** Splits and parses a compact JWT without verifying it; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(h, "base64url").toString("utf8")) as unknown;
    const payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as unknown;
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, "base64url") };
  } catch {
    return undefined;
  }
}

export function verifyRs256(decoded: DecodedJwt, publicKey: KeyObject): boolean {
  return createVerify("RSA-SHA256").update(decoded.signingInput).verify(publicKey, decoded.signature);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
