/**
 * What a viewer of the chatbot endpoint sends, built once for every tool that plays the viewer (the
 * banner's curl command, `npm run curl`, bench/, security/, the tests): the exact body bytes, their
 * SHA-256 in `x-amz-content-sha256` (CloudFront cannot read a body, so OAC signs with the hash the
 * viewer sends, and the Function URL checks it against the bytes), the ID token as
 * `Authorization: Bearer <token>`, and `content-type: application/json`. The browser's client
 * (frontend/src/lib/chatbotApi.ts) sends the same headers; it hashes with Web Crypto and imports
 * nothing from the emulator.
 *
 * @example
 * const chat = viewerRequest({ ...SAMPLE_REQUEST, query: "why?" }, idToken);
 * await fetch(endpoint, { method: "POST", headers: chat.headers, body: chat.body });
 */
import { sha256Hex } from "../aws/sigv4-canonical.js";

export interface ViewerRequest {
  /** The exact body bytes; the hash is of these. */
  body: string;
  /** Lower-case hex SHA-256 of `body`, as sent in `x-amz-content-sha256`. */
  bodySha256: string;
  headers: Record<string, string>;
}

/** The Authorization value for an ID token, `Bearer <token>`; undefined (no header) without one. */
export function bearer(idToken: string | undefined): string | undefined {
  return idToken ? `Bearer ${idToken}` : undefined;
}

/**
 * The headers a viewer sends with `body`: the JSON content type, `authorization` when given (the value
 * as is, so an attack can send a malformed one), and the body's SHA-256.
 */
export function viewerHeaders(body: string | Uint8Array, authorization?: string): Record<string, string> {
  return headersFor(sha256Hex(body), authorization);
}

/** `request` as a viewer sends it: its JSON text, that text's hash, and the headers with the ID token. */
export function viewerRequest(request: unknown, idToken?: string): ViewerRequest {
  const body = JSON.stringify(request);
  const bodySha256 = sha256Hex(body);
  return { body, bodySha256, headers: headersFor(bodySha256, bearer(idToken)) };
}

function headersFor(bodySha256: string, authorization: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (authorization !== undefined) headers.authorization = authorization;
  headers["x-amz-content-sha256"] = bodySha256;
  return headers;
}
