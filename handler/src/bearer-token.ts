/**
 * Reads `Bearer <token>` from the auth header, strictly:
 * - RFC 9110 section 11.1: the auth scheme is case-insensitive (`bearer`, `BEARER` are fine);
 * - RFC 6750 section 2.1: `credentials = "Bearer" 1*SP b64token`, so exactly one token, separated by
 *   one or more spaces (no tab), made of ALPHA / DIGIT / "-" "." "_" "~" "+" "/" then optional "=";
 * - RFC 9110 section 5.5: leading and trailing whitespace (SP / HTAB) is not part of the field value.
 * Anything else (another scheme, two tokens, a comma-joined repeated header, non-ASCII, a bare
 * `Bearer`) is TOKEN_MALFORMED; no value at all is TOKEN_MISSING.
 */
import { TokenMalformedError, TokenMissingError } from "./errors.js";

/** Far above any Cognito ID token (a few KB); longer values are refused before any parsing. */
export const MAX_AUTH_HEADER_LENGTH = 16 * 1024;

const CREDENTIALS = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** @example bearerToken("Bearer eyJ...", "x-forwarded-authorization") // "eyJ..." */
export function bearerToken(value: string | undefined, headerName: string): string {
  const field = value?.replace(/^[ \t]+|[ \t]+$/g, "");
  if (!field) throw new TokenMissingError(`Missing ID token: send "Bearer <token>" in ${headerName}.`);
  if (field.length > MAX_AUTH_HEADER_LENGTH) {
    throw new TokenMalformedError(`${headerName} is longer than ${MAX_AUTH_HEADER_LENGTH} characters.`);
  }
  const token = CREDENTIALS.exec(field)?.[1];
  if (!token) throw new TokenMalformedError(`${headerName} must be "Bearer <token>".`);
  return token;
}
