/**
 * Provider states for a deployed stack. Tokens come from the environment (see gate-env.ts); states
 * that need local powers (choosing the model's behaviour) cannot be set up there and are reported
 * as not verifiable remotely instead of being faked.
 */
import type { RemoteProviderEnv } from "../test-support/gate-env.js";
import { type HttpState, STATES } from "../test-support/pact-setup.js";
import type { StateHandler, TokenSource } from "./verification-proxy.js";

export interface RemoteStates {
  states: Partial<Record<HttpState, StateHandler>>;
  /** State -> why it cannot be verified against a deployed stack. */
  notVerifiable: Partial<Record<HttpState, string>>;
}

export function remoteTokens(env: RemoteProviderEnv): TokenSource {
  return {
    fresh: async () => env.idToken,
    expired: async () => {
      if (!env.expiredIdToken) throw new Error("CONTRACT_EXPIRED_ID_TOKEN is not set");
      return env.expiredIdToken;
    },
  };
}

export function remoteStates(env: RemoteProviderEnv): RemoteStates {
  const states: Partial<Record<HttpState, StateHandler>> = {
    [STATES.signedIn]: { token: "fresh" },
    [STATES.nobodySignedIn]: { token: "none" },
  };
  const notVerifiable: Partial<Record<HttpState, string>> = {
    [STATES.tutorUnavailable]:
      "needs control of the model (the Gemini stub's scenario); a deployed stack calls Google",
  };
  if (env.expiredIdToken) states[STATES.expiredSession] = { token: "expired" };
  else notVerifiable[STATES.expiredSession] = "CONTRACT_EXPIRED_ID_TOKEN is not set";
  return { states, notVerifiable };
}
