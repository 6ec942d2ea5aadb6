import { userFromAccessToken } from "./access-token.js";
import { type IdpContext, requireString } from "./context.js";

/**
 * GlobalSignOut (Cognito API reference): revokes the user's refresh tokens and invalidates the
 * access tokens Cognito issued to them; an empty object on success.
 */
export function globalSignOut(ctx: IdpContext, input: Record<string, unknown>) {
  const user = userFromAccessToken(ctx, requireString(input, "AccessToken"));
  ctx.sessions.globalSignOut(user.username);
  return {};
}
