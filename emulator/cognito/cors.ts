import type { NextFunction, Request, Response } from "express";

/**
 * CORS for browser clients (the playground on another origin calls the IdP API directly, as the
 * browser calls cognito-idp.<region>.amazonaws.com). Headers are what Amplify v6 and the AWS SDK v3
 * send. Only the IdP API and the well-known documents get it: the dev routes (`/_dev/*`, which exist only
 * in the twin) are mounted before this and answer CORS for the playground's origin alone (dev-routes.ts).
 * Assumption: Cognito's exact CORS answer is undocumented; any origin is allowed here.
 */
const ALLOW_HEADERS = [
  "content-type",
  "x-amz-target",
  "x-amz-user-agent",
  "cache-control",
  "authorization",
  "x-amz-date",
  "x-amz-security-token",
  "x-amz-content-sha256",
  "amz-sdk-invocation-id",
  "amz-sdk-request",
].join(", ");
const EXPOSE_HEADERS = "x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date";

export function cors(req: Request, res: Response, next: NextFunction): void {
  res.set("access-control-allow-origin", "*");
  res.set("access-control-expose-headers", EXPOSE_HEADERS);
  if (req.method !== "OPTIONS") {
    next();
    return;
  }
  res.set("access-control-allow-methods", "GET, POST, OPTIONS");
  res.set("access-control-allow-headers", ALLOW_HEADERS);
  res.set("access-control-max-age", "86400");
  res.status(204).end();
}
