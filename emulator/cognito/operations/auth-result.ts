import type { DemoUser } from "../../config/types.js";
import type { IdpContext } from "./context.js";

/** A completed sign-in: new token family, a refresh token, `TokenType: Bearer` (Cognito API reference). */
export async function signedIn(ctx: IdpContext, user: DemoUser) {
  const authTime = Math.floor(ctx.clock() / 1000);
  const issued = await ctx.tokens.issue(user, { authTime });
  const session = ctx.sessions.create(user.username, issued.originJti, authTime);
  return {
    AuthenticationResult: {
      AccessToken: issued.accessToken,
      ExpiresIn: issued.expiresIn,
      IdToken: issued.idToken,
      RefreshToken: session.refreshToken,
      TokenType: "Bearer",
    },
    ChallengeParameters: {},
  };
}
