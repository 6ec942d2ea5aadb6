import type { CognitoConfig, DemoUser } from "../../config/types.js";
import { CognitoError, invalidParameter, notAuthorized } from "../errors.js";
import type { KeyStore } from "../key-store.js";
import type { SessionStore } from "../session-store.js";
import type { SrpChallenges } from "../srp-challenges.js";
import type { TokenIssuer } from "../tokens.js";

/** What an emulated operation may use; each operation takes only what it needs from it. */
export interface IdpContext {
  config: CognitoConfig;
  keys: KeyStore;
  tokens: TokenIssuer;
  sessions: SessionStore;
  srp: SrpChallenges;
  clock: () => number;
}

export type Operation = (ctx: IdpContext, input: Record<string, unknown>) => unknown;

/** Unknown user at sign-in: LEGACY vs ENABLED PreventUserExistenceErrors (Cognito developer guide,
 * "Managing user existence error responses"). */
export function unknownUserError(config: CognitoConfig): CognitoError {
  if (config.preventUserExistenceErrors) return notAuthorized("Incorrect username or password.");
  return new CognitoError("UserNotFoundException", "User does not exist.");
}

export function findUser(config: CognitoConfig, username: string): DemoUser | undefined {
  return config.users.find((u) => u.username === username);
}

/**
 * A required top-level member. The message is the AWS JSON protocol's validation text for a null
 * member. Assumption: exact wording taken from observed service errors, not from a documented spec.
 */
export function requireString(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (typeof value === "string" && value.length > 0) return value;
  const field = member.charAt(0).toLowerCase() + member.slice(1);
  throw invalidParameter(
    `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
  );
}

/** The part of the pool id after the underscore, which SRP mixes into its hashes (Amplify: userPoolName). */
export function poolName(ctx: Pick<IdpContext, "config">): string {
  return ctx.config.userPoolId.split("_")[1] ?? "";
}
