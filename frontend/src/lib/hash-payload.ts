/**
 * Lowercase hex SHA-256 of the exact UTF-8 bytes of `body`, for `x-amz-content-sha256`.
 * CloudFront cannot hash a POST body for OAC, so the viewer must
 * (docs/platform-facts.md#origin-access-control). Web Crypto exists in browsers and in Node 20.
 *
 * @example
 * await hashPayload("abc"); // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export async function hashPayload(body: string): Promise<string> {
  const bytes = new TextEncoder().encode(body);
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
