/**
 * Runs the Pact core's HTTP verifier (the same native verifier pact-js's `Verifier` wraps) against a
 * verification proxy, from local pact files or from a Pact Broker.
 */
import { Verifier } from "@pact-foundation/pact-core";
import type { BrokerEnv } from "../test-support/gate-env.js";
import type { VerificationProxy } from "./verification-proxy.js";

export interface BrokerSource {
  url: string;
  token?: string;
  username?: string;
  password?: string;
  /** Publish the result back, as `providerVersion` (only for pacts fetched from the broker). */
  providerVersion: string;
  providerBranch?: string;
  /** Which consumer versions to verify; the gate passes the version it just published. */
  consumerVersionSelectors: Array<{ branch?: string; mainBranch?: boolean; deployedOrReleased?: boolean }>;
}

export interface VerifyOptions {
  provider: string;
  proxy: Pick<VerificationProxy, "url" | "stateSetupUrl">;
  /** Local pact files; ignored when `broker` is given. */
  pactFiles: string[];
  broker?: BrokerSource;
}

/** Resolves when every interaction passed; rejects (with the verifier's report on stdout) otherwise. */
export async function runVerifier(options: VerifyOptions): Promise<void> {
  const { broker } = options;
  await new Verifier({
    provider: options.provider,
    providerBaseUrl: options.proxy.url,
    providerStatesSetupUrl: options.proxy.stateSetupUrl,
    providerStatesSetupTeardown: true,
    providerStatesSetupBody: true,
    logLevel: "warn",
    // Per request: a complete answer from the stub takes well under this; a stream that never ends
    // fails here instead of hanging the run.
    timeout: 30_000,
    ...(broker ? { ...brokerOptions(broker), failIfNoPactsFound: true } : { pactUrls: options.pactFiles }),
  }).verify();
}

/**
 * The gate's broker as a verification reads it: the pact this build just published, plus every
 * consumer version deployed somewhere; the result is published back as this build's version.
 */
export function brokerSourceOf(broker: BrokerEnv): BrokerSource {
  return {
    url: broker.url,
    ...(broker.token ? { token: broker.token } : {}),
    ...(broker.username ? { username: broker.username, password: broker.password } : {}),
    providerVersion: broker.version,
    ...(broker.branch ? { providerBranch: broker.branch } : {}),
    consumerVersionSelectors: [
      ...(broker.branch ? [{ branch: broker.branch }] : []),
      { deployedOrReleased: true },
    ],
  };
}

/** The broker part of a verification's options: pact-core's Verifier and pact-js's MessageProviderPact name them alike. */
export function brokerOptions(broker: BrokerSource) {
  return {
    pactBrokerUrl: broker.url,
    ...(broker.token ? { pactBrokerToken: broker.token } : {}),
    ...(broker.username ? { pactBrokerUsername: broker.username, pactBrokerPassword: broker.password } : {}),
    consumerVersionSelectors: broker.consumerVersionSelectors,
    publishVerificationResult: true,
    providerVersion: broker.providerVersion,
    ...(broker.providerBranch ? { providerVersionBranch: broker.providerBranch } : {}),
  };
}
