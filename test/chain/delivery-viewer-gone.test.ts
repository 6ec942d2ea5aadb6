/**
 * A viewer that leaves mid-answer, through the whole chain, under both delivery modes. Lambda never tells the
 * function (aws/aws-lambda-nodejs-runtime-interface-client#145, opennextjs/opennextjs-aws#952): its
 * responseStream emits neither `close` nor `error`, so the model call runs on, and is billed, until one of
 * the handler's bounds ends it: the answer's natural end, MODEL_MAX_OUTPUT_TOKENS (here 300) or
 * MODEL_TIMEOUT_MS (here 6 s). The viewer leaves 0.5 s after the invocation started. The stub's journal shows
 * how each call ended; the function's END line shows when.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryMode } from "../../emulator/config/types.js";
import type { JournalEntry } from "../../emulator/gemini/journal.js";
import { THOUGHTS_AT_LEVEL } from "../../emulator/gemini/thinking.js";
import { askTimed, startDeliveryStack, whenLogged } from "../test-support/delivery-stack.js";
import type { TestStack } from "../test-support/test-stack.js";

const LEAVE_AFTER_MS = 500;
/**
 * The two modes' stacks are their own and their tests mostly wait: the modes run side by side, the
 * tests of one mode one after another (each clears and reads its stack's journal and logs).
 */
const CONCURRENT = { concurrent: true } as const;

interface Left {
  /** performance.now() when the viewer left. */
  leftAt: number;
  /** performance.now() when the function's END line appeared. */
  endAt: number;
  call: JournalEntry;
}

/** Asks, leaves after LEAVE_AFTER_MS, then waits for the function to end on its own. */
async function askAndLeave(stack: TestStack, query: string): Promise<Left> {
  stack.gemini?.journal.clear();
  stack.logs.length = 0;
  const viewer = new AbortController();
  const asked = askTimed(stack, query, viewer.signal).catch(() => undefined);
  // Leave once the function runs (a viewer gone before its invocation starts is never invoked).
  await whenLogged(stack, /START RequestId/);
  await new Promise((resolve) => setTimeout(resolve, LEAVE_AFTER_MS));
  viewer.abort();
  const leftAt = performance.now();
  await asked;
  const endAt = await whenLogged(stack, /END RequestId/, 20_000);
  const call = stack.gemini?.journal.list().at(-1);
  if (!call) throw new Error("the model was never called");
  return { leftAt, endAt, call };
}

describe.each(["immediate", "lambda"] as DeliveryMode[])(
  "viewer gone, FUNCTION_URL_DELIVERY=%s",
  CONCURRENT,
  (mode) => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startDeliveryStack(mode);
    });
    afterAll(() => stack?.close());

    describe.sequential("one request at a time", () => {
      it("the model call runs to its natural end after the viewer left (not aborted), then the function ends", async () => {
        // 40 pieces x 50 ms: about 2 s of answer.
        const { leftAt, endAt, call } = await askAndLeave(stack, "[[stub:paced pieces=40 delayMs=50]] go on");
        expect(call).toMatchObject({ completed: true, aborted: false });
        expect(endAt - leftAt).toBeGreaterThan(1000);
        console.info(
          `[${mode}] natural end: function ran ${Math.round(endAt - leftAt)} ms after the viewer left`,
        );
      });

      it("MODEL_MAX_OUTPUT_TOKENS bounds it: the call is cut by the model once thinking and 300 answer tokens fill the cap, long before the timeout", async () => {
        // Uncapped: 400 pieces x 24 characters (2400 tokens) at 50 ms each, about 20 s.
        const { leftAt, endAt, call } = await askAndLeave(
          stack,
          "[[stub:long-answer pieces=400]] explain it all",
        );
        expect(call.generationConfig).toMatchObject({ maxOutputTokens: THOUGHTS_AT_LEVEL.low + 300 });
        // Completed, not aborted: the model ended it at the cap, before the handler's timeout could.
        expect(call).toMatchObject({ completed: true, aborted: false });
        expect(endAt - leftAt).toBeLessThan(10_000);
        console.info(
          `[${mode}] output cap: function ran ${Math.round(endAt - leftAt)} ms after the viewer left`,
        );
      });

      it("MODEL_TIMEOUT_MS bounds it: a slow answer is aborted by the handler at the timeout, not when the viewer left", async () => {
        // 200 pieces x 50 ms: about 10 s, beyond the 6 s model timeout.
        const { leftAt, endAt, call } = await askAndLeave(
          stack,
          "[[stub:paced pieces=200 delayMs=50]] on and on",
        );
        expect(call).toMatchObject({ completed: false, aborted: true });
        const ranMs = endAt - leftAt;
        expect(ranMs).toBeGreaterThan(4000);
        expect(ranMs).toBeLessThan(9000);
        console.info(`[${mode}] model timeout: function ran ${Math.round(ranMs)} ms after the viewer left`);
      });
    });
  },
);
