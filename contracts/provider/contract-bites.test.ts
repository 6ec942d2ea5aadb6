/**
 * Proof that the contract bites: the real Pact verifier, run against providers that each break the
 * contract in one way, fails; the same run through an unchanged path passes (the control), so the
 * failure comes from the mutation and nothing else.
 */
import { existsSync } from "node:fs";
import { MessageProviderPact } from "@pact-foundation/pact";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as handlerSse from "../../handler/src/sse.js";
import { startTestStack, type TestStack } from "../../test/test-support/test-stack.js";
import { HTTP_PACT, MESSAGE_PACT, pactFile, STATES } from "../test-support/pact-setup.js";
import { type PactSubset, pactSubset } from "../test-support/pact-subset.js";
import { chatEventProviders } from "./chat-events-providers.js";
import { localStates, localTokens } from "./local-provider.js";
import { type Mutation, startMutantEdge } from "./mutant-edge.js";
import { runVerifier } from "./run-verifier.js";
import { type StateHandler, startVerificationProxy } from "./verification-proxy.js";

let stack: TestStack;
const subsets: PactSubset[] = [];

beforeAll(async () => {
  for (const file of [pactFile(HTTP_PACT), pactFile(MESSAGE_PACT)]) {
    if (!existsSync(file))
      throw new Error(`${file} is missing: run the consumer tests first (npm run contracts)`);
  }
  stack = await startTestStack();
});

afterAll(async () => {
  for (const subset of subsets) subset.remove();
  await stack?.close();
});

/** Verifies the chosen interactions through a mutant edge; returns the verifier's outcome. */
async function verifyThrough(
  mutation: Mutation,
  descriptions: string[],
  states: Record<string, StateHandler> = localStates(stack),
) {
  const subset = pactSubset(pactFile(HTTP_PACT), (i) => descriptions.includes(i.description));
  subsets.push(subset);
  expect(subset.kept.sort()).toEqual([...descriptions].sort());
  const edge = await startMutantEdge(new URL(stack.endpoint).origin, mutation);
  const proxy = await startVerificationProxy({
    target: edge.url,
    states,
    tokens: localTokens(stack),
  });
  try {
    const error = await runVerifier({ provider: HTTP_PACT.provider, proxy, pactFiles: [subset.file] }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    return { error, mutated: edge.mutated, stateErrors: proxy.stateErrors };
  } finally {
    await proxy.close();
    await edge.close();
  }
}

const ANSWER = ["a question from a signed-in user"];
const UNAUTHORISED = ["a question without a token", "a question with an expired token"];

it("control: the same interactions pass through an unchanged edge", async () => {
  const { error, mutated, stateErrors } = await verifyThrough("none", [...ANSWER, ...UNAUTHORISED]);
  expect(error).toBeUndefined();
  expect(mutated).toBe(0);
  expect(stateErrors).toEqual([]);
});

it("a state that cannot be set up fails verification instead of passing in the wrong state", async () => {
  const states = {
    ...localStates(stack),
    [STATES.signedIn]: {
      token: "fresh" as const,
      setup: async () => {
        throw new Error("the token service is down");
      },
    },
  };
  const { error, stateErrors } = await verifyThrough("none", ANSWER, states);
  expect(error).toBeInstanceOf(Error);
  expect(String(error?.message)).toMatch(/state/i);
  // The verifier retries a failed state change, so the same failure may be recorded more than once.
  expect(new Set(stateErrors)).toEqual(
    new Set([`state "${STATES.signedIn}" (setup) failed: the token service is down`]),
  );
});

it("fails when the SSE encoder renames `chunk` (the whole-body SSE regex no longer matches)", async () => {
  const { error, mutated } = await verifyThrough("rename-chunk", ANSWER);
  expect(mutated).toBe(1);
  expect(error).toBeInstanceOf(Error);
  expect(String(error?.message)).toMatch(/body/i);
});

it("fails when the provider answers 403 where the pact says 401", async () => {
  const { error, mutated } = await verifyThrough("401-becomes-403", UNAUTHORISED);
  expect(mutated).toBe(2);
  expect(error).toBeInstanceOf(Error);
  expect(String(error?.message)).toMatch(/401/);
  expect(String(error?.message)).toMatch(/403/);
});

it("message contract: fails when the encoder writes {text} instead of {chunk}", async () => {
  const mutant = {
    ...handlerSse,
    encodeChunk: (text: string) => `data: ${JSON.stringify({ text })}\n\n`,
  };
  const verify = new MessageProviderPact({
    provider: MESSAGE_PACT.provider,
    pactUrls: [pactFile(MESSAGE_PACT)],
    messageProviders: chatEventProviders(mutant),
    logLevel: "error",
  }).verify();
  await expect(verify).rejects.toThrow();
});
