import { CognitoJwtVerifier } from "aws-jwt-verify";
import { JwtBaseError, JwtExpiredError } from "aws-jwt-verify/error";
import type { DemoUser } from "../../config/types.js";
import { CognitoError, notAuthorized } from "../errors.js";
import { findUser, type IdpContext } from "./context.js";

type AccessContext = Pick<IdpContext, "config" | "keys" | "tokens" | "sessions" | "clock">;

/** One verifier per pool; built on first use (aws-jwt-verify keeps its key objects per kid). */
const verifiers = new WeakMap<object, ReturnType<typeof createVerifier>>();

function createVerifier(ctx: AccessContext) {
  return CognitoJwtVerifier.create({
    userPoolId: ctx.config.userPoolId,
    tokenUse: "access",
    clientId: ctx.config.clientId,
  });
}

/**
 * Checks an access token as the user-pool API does for GetUser / GlobalSignOut, with aws-jwt-verify (the
 * verifier AWS publishes for Cognito tokens): RS256 signature by one of the pool's *access* keys (an ID
 * token, signed with the ID key, is refused: Cognito developer guide, access token), this pool's issuer,
 * `token_use: access`, this app client, not expired, not signed out. Messages as Cognito sends them: "Access
 * Token has expired" (aws-amplify/aws-sdk-ios#1376), "Access Token has been revoked"
 * (aws-amplify/amplify-js#2205, aws-amplify/amplify-js#3435), "Invalid Access Token" for the rest.
 */
export function userFromAccessToken(ctx: AccessContext, token: string): DemoUser {
  const verifier = verifiers.get(ctx.config) ?? createVerifier(ctx);
  verifiers.set(ctx.config, verifier);
  // Only the access keys: a token signed with an ID key then fails as an unknown kid.
  verifier.cacheJwks({
    keys: ctx.keys
      .all()
      .filter((k) => k.use === "access")
      .map((k) => ({ ...k.jwk })),
  });
  let claims: Record<string, unknown>;
  try {
    // aws-jwt-verify compares `exp` with Date.now(); the grace shifts that comparison onto the pool's
    // (injectable) clock exactly: exp + (realNow - poolNow) < realNow  <=>  exp < poolNow.
    claims = verifier.verifySync(token, { graceSeconds: (Date.now() - ctx.clock()) / 1000 });
  } catch (error) {
    if (error instanceof JwtExpiredError) throw notAuthorized("Access Token has expired");
    if (error instanceof JwtBaseError) throw notAuthorized("Invalid Access Token");
    throw error;
  }
  if (typeof claims.origin_jti === "string" && ctx.sessions.isRevoked(claims.origin_jti)) {
    throw notAuthorized("Access Token has been revoked");
  }
  const user = typeof claims.username === "string" ? findUser(ctx.config, claims.username) : undefined;
  if (!user) throw new CognitoError("UserNotFoundException", "User does not exist.");
  return user;
}
