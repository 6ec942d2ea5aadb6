/**
 * A state that changes only along a table: for each state, the events it accepts and the state each
 * leads to. An event the current state does not accept throws, naming both states, as the
 * environments this emulates do (the Runtime Interface Emulator's `ErrNotAllowed`, "State transition
 * is not allowed"; LocalStack's `InvalidStatusException`: container-state.ts cites both).
 *
 * @example
 * const door = new GuardedState("door #1", {
 *   accepts: { Open: { close: "Shut" }, Shut: { open: "Open" } },
 *   targets: { close: "Shut", open: "Open" },
 * }, "Open");
 * door.apply("close"); // "Shut"
 * door.apply("close"); // throws "door #1: state transition from Shut to Shut is not allowed (close)"
 */

export class InvalidStateTransitionError extends Error {
  override readonly name = "InvalidStateTransitionError";

  constructor(
    /** What the state belongs to, e.g. `container #3`. */
    readonly owner: string,
    readonly from: string,
    readonly to: string,
    readonly event: string,
  ) {
    super(`${owner}: state transition from ${from} to ${to} is not allowed (${event})`);
  }
}

export interface StateTable<S extends string, E extends string> {
  /** For each state, the events it accepts and the state each leads to; an event left out is refused. */
  readonly accepts: Readonly<Record<S, Readonly<Partial<Record<E, S>>>>>;
  /** The state each event sets out to reach: what a refusal names as the second state. */
  readonly targets: Readonly<Record<E, S>>;
}

export class GuardedState<S extends string, E extends string> {
  private current: S;

  constructor(
    private readonly owner: string,
    private readonly table: StateTable<S, E>,
    initial: S,
  ) {
    this.current = initial;
  }

  get state(): S {
    return this.current;
  }

  /** Moves along `event`'s edge from the current state and returns the new state; throws when there is none. */
  apply(event: E): S {
    const next = this.table.accepts[this.current][event];
    if (next === undefined) {
      throw new InvalidStateTransitionError(this.owner, this.current, this.table.targets[event], event);
    }
    this.current = next;
    return next;
  }
}
