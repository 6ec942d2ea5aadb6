/**
 * Provider states and tokens for the emulated stack: each state really changes the stack (a token
 * minted by the Cognito emulator, a Gemini stub scenario), nothing is faked in the verifier.
 */
import type { TestStack } from "../../test/test-support/test-stack.js";
import { type HttpState, STATES } from "../test-support/pact-setup.js";
import type { StateHandler, TokenSource } from "./verification-proxy.js";

export function localTokens(stack: TestStack): TokenSource {
  const cognito = stack.cognito;
  if (!cognito) throw new Error("The stack runs no Cognito emulator: cannot mint tokens");
  return {
    fresh: async () => (await cognito.mintTokens("alice")).idToken,
    // Expired a minute ago: aws-jwt-verify allows no grace period by default.
    expired: async () => (await cognito.mintTokens("alice", { expiresIn: -60 })).idToken,
  };
}

export function localStates(stack: TestStack): Record<HttpState, StateHandler> {
  const gemini = stack.gemini;
  if (!gemini) throw new Error("The stack runs no Gemini stub: cannot choose scenarios");
  // Every state starts from the stub's default behaviour, so no state leaks into the next.
  const normal = async () => gemini.setScenario(null);
  return {
    [STATES.signedIn]: { token: "fresh", setup: normal },
    [STATES.nobodySignedIn]: { token: "none", setup: normal },
    [STATES.expiredSession]: { token: "expired", setup: normal },
    [STATES.tutorUnavailable]: {
      token: "fresh",
      setup: async () => gemini.setScenario({ name: "unavailable" }),
      teardown: normal,
    },
  };
}
