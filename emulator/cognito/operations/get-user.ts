import { userFromAccessToken } from "./access-token.js";
import { type IdpContext, requireString } from "./context.js";

/** GetUser (Cognito API reference): the signed-in user's name and attributes, by access token. */
export function getUser(ctx: IdpContext, input: Record<string, unknown>) {
  const user = userFromAccessToken(ctx, requireString(input, "AccessToken"));
  return {
    UserAttributes: [
      { Name: "sub", Value: user.sub },
      { Name: "email_verified", Value: "true" },
      { Name: "email", Value: user.email },
    ],
    Username: user.username,
  };
}
