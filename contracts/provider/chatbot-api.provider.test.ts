/**
 * Provider verification of the HTTP contract.
 *
 * Local (default): against the whole emulated chain started here on ephemeral ports: CloudFront
 * (viewer-request function, OAC), the Function URL (SigV4, resource policy), the real handler, the
 * Cognito emulator's JWKS and the Gemini stub.
 *
 * Deployed: with `CONTRACT_PROVIDER_URL` (+ `CONTRACT_ID_TOKEN`, optionally
 * `CONTRACT_EXPIRED_ID_TOKEN`), the same pact against a real distribution; interactions whose state
 * needs local powers are left out and listed.
 *
 * With `PACT_BROKER_BASE_URL`, pacts come from the broker and the result is published back.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../../test/test-support/test-stack.js";
import { brokerEnv, remoteProviderEnv } from "../test-support/gate-env.js";
import { HTTP_PACT, pactFile } from "../test-support/pact-setup.js";
import { type PactSubset, pactSubset } from "../test-support/pact-subset.js";
import { localStates, localTokens } from "./local-provider.js";
import { remoteStates, remoteTokens } from "./remote-provider.js";
import { type BrokerSource, brokerSourceOf, runVerifier } from "./run-verifier.js";
import { startVerificationProxy, type VerificationProxy } from "./verification-proxy.js";

const PACT = pactFile(HTTP_PACT);
const remote = remoteProviderEnv();
const broker = brokerEnv();

let stack: TestStack | undefined;
let proxy: VerificationProxy;
let subset: PactSubset | undefined;

beforeAll(async () => {
  if (!existsSync(PACT))
    throw new Error(`${PACT} is missing: run the consumer tests first (npm run contracts)`);
  if (remote) {
    const { states, notVerifiable } = remoteStates(remote);
    subset = pactSubset(PACT, (i) => (i.providerStates ?? []).every((s) => s.name in states));
    for (const description of subset.left) {
      console.warn(`NOT VERIFIABLE REMOTELY: "${description}"`);
    }
    for (const [state, why] of Object.entries(notVerifiable)) console.warn(`  state "${state}": ${why}`);
    proxy = await startVerificationProxy({ target: remote.url, states, tokens: remoteTokens(remote) });
  } else {
    stack = await startTestStack();
    proxy = await startVerificationProxy({
      target: new URL(stack.endpoint).origin,
      states: localStates(stack),
      tokens: localTokens(stack),
    });
  }
});

afterAll(async () => {
  await proxy?.close();
  await stack?.close();
  subset?.remove();
});

function brokerSource(): BrokerSource | undefined {
  return !broker || remote ? undefined : brokerSourceOf(broker);
}

if (remote) {
  it("the deployed stack honours every interaction it can be put in the state for", async () => {
    const files = [subset?.file ?? PACT];
    await runVerifier({ provider: HTTP_PACT.provider, proxy, pactFiles: files });
    expect(proxy.stateErrors).toEqual([]);
    expect(proxy.journal).toHaveLength(subset?.kept.length ?? 0);
  });
} else {
  it("the emulated CloudFront -> Function URL -> handler chain honours every interaction of the pact", async () => {
    const source = brokerSource();
    await runVerifier({
      provider: HTTP_PACT.provider,
      proxy,
      pactFiles: [PACT],
      ...(source ? { broker: source } : {}),
    });
    expect(proxy.stateErrors).toEqual([]);
    if (!source) {
      // Every interaction really went through the chain, and reached the model only when it should:
      // once for the answer, once for the unavailable tutor (the others stop at auth or validation).
      expect(proxy.journal).toHaveLength(6);
      expect(stack?.gemini?.journal.list()).toHaveLength(2);
    }
  });

  it("honours every interaction under FUNCTION_URL_DELIVERY=lambda too (small writes held: aws/aws-lambda-nodejs-runtime-interface-client#94)", async () => {
    const held = await startTestStack({ functionUrl: { delivery: { mode: "lambda" } } });
    const heldProxy = await startVerificationProxy({
      target: new URL(held.endpoint).origin,
      states: localStates(held),
      tokens: localTokens(held),
    });
    try {
      await runVerifier({ provider: HTTP_PACT.provider, proxy: heldProxy, pactFiles: [PACT] });
      expect(heldProxy.stateErrors).toEqual([]);
      expect(heldProxy.journal).toHaveLength(6);
    } finally {
      await heldProxy.close();
      await held.close();
    }
  });

  it("the same chain honours every interaction under AWS's own runtime client (ric) with held writes (the harsher delivery reading)", async () => {
    const ric = await startTestStack({
      functionUrl: { containerRuntime: "ric", delivery: { mode: "lambda" } },
    });
    const ricProxy = await startVerificationProxy({
      target: new URL(ric.endpoint).origin,
      states: localStates(ric),
      tokens: localTokens(ric),
    });
    try {
      // Verified from the local pact file only: results are published once, by the test above.
      await runVerifier({ provider: HTTP_PACT.provider, proxy: ricProxy, pactFiles: [PACT] });
      expect(ricProxy.stateErrors).toEqual([]);
      expect(ricProxy.journal).toHaveLength(6);
      expect(ric.gemini?.journal.list()).toHaveLength(2);
    } finally {
      await ricProxy.close();
      await ric.close();
    }
  });
}
