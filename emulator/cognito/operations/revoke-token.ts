import { CognitoError } from "../errors.js";
import { decodeJwt } from "../jwt.js";
import { type IdpContext, requireString } from "./context.js";

/**
 * RevokeToken (Cognito API reference): revokes a refresh token and the access tokens generated from it.
 * Amplify v6 `signOut()` calls it. An empty object on success.
 */
export function revokeToken(ctx: IdpContext, input: Record<string, unknown>) {
  const token = requireString(input, "Token");
  const clientId = requireString(input, "ClientId");
  if (clientId !== ctx.config.clientId) {
    throw new CognitoError("ResourceNotFoundException", `User pool client ${clientId} does not exist.`);
  }
  // Only refresh tokens can be revoked; an access or ID token (a 3-part JWS) is refused.
  if (decodeJwt(token)) {
    throw new CognitoError("UnsupportedTokenTypeException", "Unsupported token type");
  }
  // Assumption: an unknown or already revoked refresh token succeeds silently, as OAuth token
  // revocation does (RFC 7009 section 2.2); Cognito does not document this case.
  ctx.sessions.revokeRefresh(token);
  return {};
}
