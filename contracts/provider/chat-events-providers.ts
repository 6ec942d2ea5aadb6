/**
 * Message providers for the SSE payload contract, built from an SSE encoder. The real one is the
 * handler's `handler/src/sse.ts`; the "contract bites" test passes a mutant.
 */
import type { MessageProvider } from "@pact-foundation/pact";
import type * as sse from "../../handler/src/sse.js";
import { payloadOf } from "./sse-frames.js";

export type SseEncoder = Pick<typeof sse, "encodeChunk" | "encodeError">;

export function chatEventProviders(encoder: SseEncoder): Record<string, MessageProvider> {
  return {
    "a chunk event of the answer": async () =>
      payloadOf(encoder.encodeChunk("Think about what you need to remember."), "message"),
    "an error event after the stream started": async () =>
      payloadOf(
        encoder.encodeError({
          code: "UPSTREAM_UNAVAILABLE",
          message: "The model is unavailable; try again shortly.",
        }),
        "error",
      ),
  };
}
