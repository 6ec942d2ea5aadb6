/**
 * Consumer side of the message contract: the JSON inside SSE events, read by the frontend's real
 * event parser (`decodeChatEvent`). A text body can only be matched as a whole by a regex; as
 * messages, the payloads get type matching (any string chunk, any error code of the pinned form).
 */
import { rmSync } from "node:fs";
import { MatchersV3, MessageConsumerPact, synchronousBodyHandler } from "@pact-foundation/pact";
import { expect, it } from "vitest";
import { type ChatEvent, decodeChatEvent } from "../../frontend/src/lib/sse-events.js";
import { MESSAGE_PACT, PACT_DIR, pactFile, STATES } from "../test-support/pact-setup.js";

const { like, regex } = MatchersV3;

rmSync(pactFile(MESSAGE_PACT), { force: true });

function newPact(): MessageConsumerPact {
  return new MessageConsumerPact({ ...MESSAGE_PACT, dir: PACT_DIR, logLevel: "warn" });
}

/** Feeds a payload to the parser exactly as the client does: SSE `data` is the JSON text. */
function parseAs(event: string | undefined, decoded: ChatEvent[]) {
  return synchronousBodyHandler((body: unknown) => {
    decoded.push(decodeChatEvent({ event, data: JSON.stringify(body) }));
  });
}

it("a chunk event carries {chunk: string}", async () => {
  const decoded: ChatEvent[] = [];
  await newPact()
    .given(STATES.modelAnswers)
    .expectsToReceive("a chunk event of the answer")
    .withContent({ chunk: like("Think about what you need to remember.") })
    .verify(parseAs(undefined, decoded));
  expect(decoded).toEqual([{ type: "chunk", text: "Think about what you need to remember." }]);
});

it("an error event (event: error) carries {error: {code, message}}", async () => {
  const decoded: ChatEvent[] = [];
  await newPact()
    .given(STATES.modelFailsMidStream)
    .expectsToReceive("an error event after the stream started")
    .withContent({
      error: {
        // Any pinned code (upper snake case), not only the example.
        code: regex("^[A-Z][A-Z_]*[A-Z]$", "UPSTREAM_UNAVAILABLE"),
        message: like("The model is unavailable; try again shortly."),
      },
    })
    .verify(parseAs("error", decoded));
  expect(decoded).toEqual([
    { type: "error", code: "UPSTREAM_UNAVAILABLE", message: "The model is unavailable; try again shortly." },
  ]);
});
