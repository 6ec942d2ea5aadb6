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
import { brokerOptions, brokerSourceOf } from "./run-verifier.js";

const PACT = pactFile(MESSAGE_PACT);

it("the handler's SSE encoder produces the payloads the event parser expects", async () => {
  if (!existsSync(PACT))
    throw new Error(`${PACT} is missing: run the consumer tests first (npm run contracts)`);
  const broker = brokerEnv();
  await new MessageProviderPact({
    provider: MESSAGE_PACT.provider,
    // From the broker (published by `gate.ts publish`), with the result published back.
    ...(broker ? brokerOptions(brokerSourceOf(broker)) : { pactUrls: [PACT] }),
    messageProviders: chatEventProviders(handlerSse),
    logLevel: "warn",
  }).verify();
});
