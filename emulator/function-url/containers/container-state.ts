/**
 * An execution environment's lifecycle as the pool sees it: one state, changed only along the table
 * below (an event a state does not accept throws `InvalidStateTransitionError`, naming both states
 * and the container). The container base owns it; the pool asks (`isIdle`, `isReserved`) and
 * requests changes (`reserve`, `initDone`, `release`, `kill`).
 *
 * The names follow two environments that model the same thing, read 2026-12-07:
 * - LocalStack's `RuntimeStatus` and `InvalidStatusException`
 *   (https://github.com/localstack/localstack, commit 8b9a79f,
 *   `localstack-core/localstack/services/lambda_/invocation/execution_environment.py`): an
 *   environment is STARTING, then READY; `reserve()` takes a READY one to INVOKING, `release()` takes
 *   it back; `stop()` ends it (STOPPED); any other move raises `InvalidStatusException`.
 * - The Runtime Interface Emulator's runtime states (https://github.com/aws/aws-lambda-runtime-interface-emulator,
 *   commit 4fa2157, `internal/lambda/core/runtime_state_names.go` and `internal/lambda/core/states.go`):
 *   Started, Ready, Running (and the answer states the `ric` runtime follows on its own,
 *   runtimes/ric/runtime-exchange.ts); every state refuses what it does not implement (`ErrNotAllowed`).
 *
 * | state              | meaning                                                                 | LocalStack  | RIE     |
 * | ------------------ | ----------------------------------------------------------------------- | ----------- | ------- |
 * | `Starting`         | Init running; no invocation owns it yet                                 | STARTING    | Started |
 * | `StartingReserved` | Init running, the environment already reserved for one invocation       | —           | Started |
 * | `Ready`            | Init done, idle: the pool may reserve it                                | READY       | Ready   |
 * | `Invoking`         | reserved for one invocation                                             | INVOKING    | Running |
 * | `Stopped`          | ended: failed Init, crash, exit, timeout, or ended by the pool          | STOPPED     | —       |
 *
 * `StartingReserved` has no counterpart in LocalStack, which reserves only READY environments: here an
 * invocation can own an environment whose Init still runs, when Lambda retries Init inside that
 * invocation (the pool's `retryInit`), or when an Init ran past the limit and its environment is handed
 * to the request that will retry it. LocalStack's STARTUP_FAILED and STARTUP_TIMED_OUT are `Stopped`
 * here (a failed Init ends the environment at once; one past the limit is ended by whoever gets it),
 * and its TIMING_OUT (stopping after the keep-alive) is not needed: idle recycling stops at once.
 * Whether an environment runs the current deploy is the pool's knowledge, not a state (LocalStack keeps
 * one version manager per function version).
 */
import { GuardedState, type StateTable } from "./guarded-state.js";

export type ContainerState = "Starting" | "StartingReserved" | "Ready" | "Invoking" | "Stopped";

/** `initDone`: Init finished well. `reserve`/`release`: an invocation takes it, gives it back. `stop`: it ended. */
export type ContainerEvent = "initDone" | "reserve" | "release" | "stop";

const CONTAINER_LIFECYCLE: StateTable<ContainerState, ContainerEvent> = {
  accepts: {
    Starting: { initDone: "Ready", reserve: "StartingReserved", stop: "Stopped" },
    StartingReserved: { initDone: "Invoking", stop: "Stopped" },
    Ready: { reserve: "Invoking", stop: "Stopped" },
    Invoking: { release: "Ready", stop: "Stopped" },
    // An environment can end at any moment (its thread or process exits): news that arrives after
    // that, an Init that finished or an invocation given back, leaves it Stopped.
    Stopped: { initDone: "Stopped", release: "Stopped" },
  },
  targets: { initDone: "Ready", reserve: "Invoking", release: "Ready", stop: "Stopped" },
};

/** A new environment's lifecycle, in `Starting`; `id` names it in a refusal (`container #3`). */
export function containerLifecycle(id: number): GuardedState<ContainerState, ContainerEvent> {
  return new GuardedState(`container #${id}`, CONTAINER_LIFECYCLE, "Starting");
}
