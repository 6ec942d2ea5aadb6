import { randomBytes } from "node:crypto";

/**
 * An `X-Amz-Cf-Id` / event `requestId`: 56 characters, URL-safe base64 ending in `==`, the shape seen in
 * recorded CloudFront responses (e.g. `qZye4osXZxupOb06RAuK9UXOZIGwGOd2m4evBPg2h1VbQuiga1F97A==`).
 */
export function newCloudFrontRequestId(): string {
  return `${randomBytes(40).toString("base64url")}==`;
}

/** The edge host's id in `Via: 1.1 <hex>.cloudfront.net (CloudFront)`: 32 lower-case hex digits. */
export function newEdgeHostId(): string {
  return randomBytes(16).toString("hex");
}
