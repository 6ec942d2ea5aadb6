/**
 * Where the `ric` runtime is in its exchange with this environment's Runtime API, as the container
 * learns it from the API's events: a concern of its own, apart from the environment's lifecycle
 * (containers/container-state.ts), which says who owns the environment, not what its runtime has
 * sent. The names are the Runtime Interface Emulator's runtime states
 * (https://github.com/aws/aws-lambda-runtime-interface-emulator, commit 4fa2157, read 2026-12-07,
 * `internal/lambda/core/runtime_state_names.go`; RIE spells the last one "RuntimeResponseSentState").
 *
 * | state                 | the runtime has                                                                   |
 * | --------------------- | --------------------------------------------------------------------------------- |
 * | `Started`             | been spawned; its Init runs until its first `GET next`                            |
 * | `Ready`               | asked for work; no invocation is in flight                                        |
 * | `Running`             | an invocation, and has not answered it yet                                        |
 * | `InvocationResponse`  | started a streamed response that has not ended                                    |
 * | `ResponseSent`        | answered (a response, an error post, or a stream's end); the invocation ends at its next `GET next` |
 * | `ReadyBeforeResponse` | asked for the next invocation before its answer was in                            |
 *
 * `ReadyBeforeResponse` is not RIE's: RIC does not await a failed stream's end (`failResponseStream`
 * calls `tryCallFail` without `await`), so its `GET next` can reach the API before that POST or its
 * error trailers; the invocation then ends when the answer is in (function-url/README.md).
 */
import { GuardedState, type StateTable } from "../../containers/guarded-state.js";

export type RuntimeExchangeState =
  | "Started"
  | "Ready"
  | "Running"
  | "InvocationResponse"
  | "ResponseSent"
  | "ReadyBeforeResponse";

/**
 * `next`: the runtime asked for work. `invoke`: the container handed it an invocation.
 * `stream-start`: a streamed response began. `answered`: the answer is complete.
 */
export type RuntimeExchangeEvent = "next" | "invoke" | "stream-start" | "answered";

const RUNTIME_EXCHANGE: StateTable<RuntimeExchangeState, RuntimeExchangeEvent> = {
  accepts: {
    Started: { next: "Ready" },
    // A runtime that asks again while it waits keeps waiting (RIE: Ready.Ready()).
    Ready: { next: "Ready", invoke: "Running" },
    Running: { "stream-start": "InvocationResponse", answered: "ResponseSent", next: "ReadyBeforeResponse" },
    InvocationResponse: { answered: "ResponseSent", next: "ReadyBeforeResponse" },
    ResponseSent: { next: "Ready" },
    ReadyBeforeResponse: {
      "stream-start": "ReadyBeforeResponse",
      answered: "Ready",
      next: "ReadyBeforeResponse",
    },
  },
  targets: {
    next: "Ready",
    invoke: "Running",
    "stream-start": "InvocationResponse",
    answered: "ResponseSent",
  },
};

/** A new runtime's exchange, in `Started`; `id` names its container in a refusal. */
export function runtimeExchange(id: number): GuardedState<RuntimeExchangeState, RuntimeExchangeEvent> {
  return new GuardedState(`container #${id} runtime`, RUNTIME_EXCHANGE, "Started");
}
