/**
 * Provider verification of the message contract: the handler's real SSE encoder produces the JSON
 * payloads the frontend's event parser was tested against. The encoder is pure, so the states
 * ("the model streams an answer", ...) need no setup: they document when each event occurs.
 */
import { existsSync } from "node:fs";
import { MessageProviderPact } from "@pact-foundation/pact";
import { it } from "vitest";
import * as handlerSse from "../../handler/src/sse.js";
import { brokerEnv } from "../test-support/gate-env.js";
import { MESSAGE_PACT, pactFile } from "../test-support/pact-setup.js";
import { chatEventProviders } from "./chat-events-providers.js";

const PACT = pactFile(MESSAGE_PACT);

it("the handler's SSE encoder produces the payloads the event parser expects", async () => {
  if (!existsSync(PACT))
    throw new Error(`${PACT} is missing: run the consumer tests first (npm run contracts)`);
  const broker = brokerEnv();
  await new MessageProviderPact({
    provider: MESSAGE_PACT.provider,
    ...(broker
      ? {
          // From the broker (published by `gate.ts publish`), with the result published back.
          pactBrokerUrl: broker.url,
          ...(broker.token ? { pactBrokerToken: broker.token } : {}),
          ...(broker.username
            ? { pactBrokerUsername: broker.username, pactBrokerPassword: broker.password }
            : {}),
          consumerVersionSelectors: [
            ...(broker.branch ? [{ branch: broker.branch }] : []),
            { deployedOrReleased: true },
          ],
          publishVerificationResult: true,
          providerVersion: broker.version,
          ...(broker.branch ? { providerVersionBranch: broker.branch } : {}),
        }
      : { pactUrls: [PACT] }),
    messageProviders: chatEventProviders(handlerSse),
    logLevel: "warn",
  }).verify();
});
