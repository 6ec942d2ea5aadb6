/**
 * Provider states and tokens for an emulated stack in another process or container: the same real
 * state changes as `local-provider.ts`, made through the pinned dev endpoints instead of handles
 * (`POST /_dev/tokens` on Cognito, `PUT /_stub/scenario` on the Gemini stub).
 */
import { type HttpState, STATES } from "../test-support/pact-setup.js";
import type { StateHandler, TokenSource } from "./verification-proxy.js";

async function mint(cognitoUrl: string, expiresIn?: number): Promise<string> {
  const res = await fetch(new URL("/_dev/tokens", cognitoUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "alice", ...(expiresIn === undefined ? {} : { expiresIn }) }),
  });
  if (!res.ok) throw new Error(`POST /_dev/tokens answered ${res.status}`);
  return ((await res.json()) as { idToken: string }).idToken;
}

export function httpTokens(cognitoUrl: string): TokenSource {
  return {
    fresh: () => mint(cognitoUrl),
    // Expired a minute ago: aws-jwt-verify allows no grace period by default.
    expired: () => mint(cognitoUrl, -60),
  };
}

export function httpStates(geminiUrl: string): Record<HttpState, StateHandler> {
  const scenario = (name: string | null) => async () => {
    const res = await fetch(new URL("/_stub/scenario", geminiUrl), {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name }),
    });
    if (!res.ok) throw new Error(`PUT /_stub/scenario ${name} answered ${res.status}`);
  };
  const normal = scenario(null);
  return {
    [STATES.signedIn]: { token: "fresh", setup: normal },
    [STATES.nobodySignedIn]: { token: "none", setup: normal },
    [STATES.expiredSession]: { token: "expired", setup: normal },
    [STATES.tutorUnavailable]: { token: "fresh", setup: scenario("unavailable"), teardown: normal },
  };
}
