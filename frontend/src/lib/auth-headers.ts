/**
 * The viewer's credentials: the Cognito ID token of the signed-in Amplify user, sent as
 * `Authorization: Bearer <idToken>` (CloudFront's viewer-request function copies it to
 * `x-forwarded-authorization`, because OAC overwrites `Authorization`; docs/interfaces.md#the-token-header).
 */
import { fetchAuthSession } from "aws-amplify/auth";
import { Hub } from "aws-amplify/utils";
import { ChatbotAuthError } from "./errors.js";

/**
 * Reads the current session (Amplify refreshes it when it can) and builds the auth header.
 * Throws `ChatbotAuthError` when nobody is signed in or the token has expired, so no request is made.
 *
 * @example
 * const headers = await getAuthHeaders(); // { Authorization: "Bearer eyJ..." }
 */
export async function getAuthHeaders(now: () => number = Date.now): Promise<Record<string, string>> {
  let idToken: { toString(): string; payload: { exp?: number } } | undefined;
  // Amplify 6 answers a refused refresh (NotAuthorizedException: refresh token revoked or expired)
  // by clearing the tokens and returning none, exactly as if nobody had signed in; only its
  // `tokenRefresh_failure` Hub event (dispatched synchronously) tells an ended session apart.
  let refreshFailed = false;
  const stopListening = Hub.listen("auth", ({ payload }) => {
    if (payload.event === "tokenRefresh_failure") refreshFailed = true;
  });
  try {
    const session = await fetchAuthSession();
    idToken = session.tokens?.idToken;
  } catch (error) {
    // Other refresh failures (e.g. the network) make Amplify throw: the session cannot be used.
    throw new ChatbotAuthError("SESSION_EXPIRED", `The session could not be refreshed: ${describe(error)}`);
  } finally {
    stopListening();
  }
  if (idToken === undefined && refreshFailed) {
    throw new ChatbotAuthError("SESSION_EXPIRED", "The session ended: Cognito refused to refresh it");
  }
  if (idToken === undefined) throw new ChatbotAuthError("NOT_SIGNED_IN", "No user is signed in");
  const exp = idToken.payload.exp;
  if (typeof exp === "number" && exp * 1000 <= now()) {
    throw new ChatbotAuthError(
      "SESSION_EXPIRED",
      `The ID token expired at ${new Date(exp * 1000).toISOString()}`,
    );
  }
  return { Authorization: `Bearer ${idToken.toString()}` };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
