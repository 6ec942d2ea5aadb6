import { timingSafeEqual } from "node:crypto";
import { CognitoError, invalidParameter, NotEmulatedError, notAuthorized } from "../errors.js";
import { claimSignature, serverKey } from "../srp.js";
import { signedIn } from "./auth-result.js";
import { findUser, type IdpContext, poolName, requireString } from "./context.js";

/**
 * RespondToAuthChallenge (Cognito API reference) for PASSWORD_VERIFIER, the second step of USER_SRP_AUTH:
 * checks PASSWORD_CLAIM_SIGNATURE against the key derived from the pending SRP exchange.
 */
export function respondToAuthChallenge(ctx: IdpContext, input: Record<string, unknown>) {
  const challenge = requireString(input, "ChallengeName");
  const clientId = requireString(input, "ClientId");
  if (clientId !== ctx.config.clientId) {
    throw new CognitoError("ResourceNotFoundException", `User pool client ${clientId} does not exist.`);
  }
  if (challenge !== "PASSWORD_VERIFIER") {
    throw new NotEmulatedError(`RespondToAuthChallenge with ChallengeName ${challenge}`);
  }
  const responses = (input.ChallengeResponses ?? {}) as Record<string, unknown>;
  const need = (name: string) => {
    const value = responses[name];
    if (typeof value !== "string" || value === "")
      throw invalidParameter(`Missing required parameter ${name}`);
    return value;
  };
  const username = need("USERNAME");
  const secretBlock = need("PASSWORD_CLAIM_SECRET_BLOCK");
  const signature = need("PASSWORD_CLAIM_SIGNATURE");
  const timestamp = need("TIMESTAMP");

  // Assumption: an unknown, reused or expired SECRET_BLOCK and a wrong signature all read as a wrong password.
  const pending = ctx.srp.take(secretBlock, ctx.clock());
  const user = pending && pending.username === username ? findUser(ctx.config, username) : undefined;
  const key = pending ? serverKey(pending.state, pending.A) : undefined;
  if (!pending || !user || !key) throw notAuthorized("Incorrect username or password.");
  const expected = Buffer.from(
    claimSignature(key, poolName(ctx), username, secretBlock, timestamp),
    "base64",
  );
  const given = Buffer.from(signature, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw notAuthorized("Incorrect username or password.");
  }
  return signedIn(ctx, user);
}
