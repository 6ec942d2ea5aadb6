import type { DemoUser } from "../../config/types.js";
import { CognitoError, notAuthorized } from "../errors.js";
import { decodeJwt, verifyRs256 } from "../jwt.js";
import { findUser, type IdpContext } from "./context.js";

/**
 * Checks an access token as the user-pool API does for GetUser / GlobalSignOut: signed by one of the
 * pool's access keys, this pool's issuer, `token_use: access`, not expired, not signed out.
 * Messages as Cognito sends them ("Invalid Access Token", "Access Token has expired",
 * "Access Token has been revoked").
 */
export function userFromAccessToken(
  ctx: Pick<IdpContext, "config" | "keys" | "tokens" | "sessions" | "clock">,
  token: string,
): DemoUser {
  const decoded = decodeJwt(token);
  if (decoded?.header.alg !== "RS256" || typeof decoded.header.kid !== "string") {
    throw notAuthorized("Invalid Access Token");
  }
  const key = ctx.keys.find(decoded.header.kid);
  if (key?.use !== "access" || !verifyRs256(decoded, key.publicKey)) {
    throw notAuthorized("Invalid Access Token");
  }
  const claims = decoded.payload;
  if (
    claims.token_use !== "access" ||
    claims.iss !== ctx.tokens.issuer ||
    claims.client_id !== ctx.config.clientId
  ) {
    throw notAuthorized("Invalid Access Token");
  }
  if (typeof claims.exp !== "number" || claims.exp <= Math.floor(ctx.clock() / 1000)) {
    throw notAuthorized("Access Token has expired");
  }
  if (typeof claims.origin_jti === "string" && ctx.sessions.isRevoked(claims.origin_jti)) {
    throw notAuthorized("Access Token has been revoked");
  }
  const user = typeof claims.username === "string" ? findUser(ctx.config, claims.username) : undefined;
  if (!user) throw new CognitoError("UserNotFoundException", "User does not exist.");
  return user;
}
