/**
 * The execution environment's lifecycle (container-state.ts): every move it allows, every move it
 * refuses with its exact message, and the container base that owns it. The expected moves are written
 * out here, not read from the module's table, so a change to the table shows up as a failing row.
 */
import { describe, expect, it } from "vitest";
import { ContainerBase, type InFlight } from "./container-base.js";
import { type ContainerEvent, type ContainerState, containerLifecycle } from "./container-state.js";
import type { ExecutionEnvironment } from "./execution-environment.js";
import { InvalidStateTransitionError } from "./guarded-state.js";

const STATES: ContainerState[] = ["Starting", "StartingReserved", "Ready", "Invoking", "Stopped"];
const EVENTS: ContainerEvent[] = ["initDone", "reserve", "release", "stop"];

/** How to reach each state from a new environment. */
const PATH: Record<ContainerState, ContainerEvent[]> = {
  Starting: [],
  StartingReserved: ["reserve"],
  Ready: ["initDone"],
  Invoking: ["initDone", "reserve"],
  Stopped: ["stop"],
};

function lifecycleAt(state: ContainerState) {
  const lifecycle = containerLifecycle(7);
  for (const event of PATH[state]) lifecycle.apply(event);
  expect(lifecycle.state).toBe(state);
  return lifecycle;
}

const ALLOWED: [ContainerState, ContainerEvent, ContainerState][] = [
  ["Starting", "initDone", "Ready"],
  ["Starting", "reserve", "StartingReserved"],
  ["Starting", "stop", "Stopped"],
  ["StartingReserved", "initDone", "Invoking"],
  ["StartingReserved", "stop", "Stopped"],
  ["Ready", "reserve", "Invoking"],
  ["Ready", "stop", "Stopped"],
  ["Invoking", "release", "Ready"],
  ["Invoking", "stop", "Stopped"],
  // News that arrives after the environment ended leaves it ended.
  ["Stopped", "initDone", "Stopped"],
  ["Stopped", "release", "Stopped"],
];

const REFUSED: [ContainerState, ContainerEvent, string][] = [
  ["Starting", "release", "container #7: state transition from Starting to Ready is not allowed (release)"],
  [
    "StartingReserved",
    "reserve",
    "container #7: state transition from StartingReserved to Invoking is not allowed (reserve)",
  ],
  [
    "StartingReserved",
    "release",
    "container #7: state transition from StartingReserved to Ready is not allowed (release)",
  ],
  ["Ready", "initDone", "container #7: state transition from Ready to Ready is not allowed (initDone)"],
  ["Ready", "release", "container #7: state transition from Ready to Ready is not allowed (release)"],
  ["Invoking", "initDone", "container #7: state transition from Invoking to Ready is not allowed (initDone)"],
  [
    "Invoking",
    "reserve",
    "container #7: state transition from Invoking to Invoking is not allowed (reserve)",
  ],
  ["Stopped", "reserve", "container #7: state transition from Stopped to Invoking is not allowed (reserve)"],
  ["Stopped", "stop", "container #7: state transition from Stopped to Stopped is not allowed (stop)"],
];

describe("container lifecycle (LocalStack's RuntimeStatus, RIE's runtime states)", () => {
  it("a new environment is Starting", () => {
    expect(containerLifecycle(1).state).toBe("Starting");
  });

  it.each(ALLOWED)("%s --%s--> %s", (from, event, to) => {
    const lifecycle = lifecycleAt(from);
    expect(lifecycle.apply(event)).toBe(to);
    expect(lifecycle.state).toBe(to);
  });

  it.each(REFUSED)("%s refuses %s", (from, event, message) => {
    const lifecycle = lifecycleAt(from);
    expect(() => lifecycle.apply(event)).toThrow(InvalidStateTransitionError);
    expect(() => lifecycle.apply(event)).toThrow(message);
    expect(lifecycle.state).toBe(from);
  });

  it("the rows above cover every state and every event, each once", () => {
    const rows = [...ALLOWED, ...REFUSED].map(([from, event]) => `${from} ${event}`);
    expect(new Set(rows).size).toBe(rows.length);
    expect(rows.sort()).toEqual(STATES.flatMap((s) => EVENTS.map((e) => `${s} ${e}`)).sort());
  });

  it("a refusal carries both states, the event and the container", () => {
    const lifecycle = lifecycleAt("Stopped");
    let caught: unknown;
    try {
      lifecycle.apply("reserve");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InvalidStateTransitionError);
    expect(caught).toMatchObject({
      owner: "container #7",
      from: "Stopped",
      to: "Invoking",
      event: "reserve",
    });
  });
});

/** The base alone, isolated from a thread or process: `kill` ends it as a runtime's exit would. */
class BareContainer extends ContainerBase<InFlight> {
  readonly ready = Promise.resolve(0);
  protected begin(): void {}
  kill(): void {
    this.markDead();
  }
  async stopped(): Promise<void> {}
}

function bare(onDead: (c: ExecutionEnvironment) => void = () => {}): BareContainer {
  const spec = { modulePath: "/none.mjs", handlerName: "handler", env: {}, timeoutSeconds: 3 };
  return new BareContainer(4, spec, () => {}, onDead);
}

describe("the container base owns the state", () => {
  it("answers the pool's questions from the state alone", () => {
    const c = bare();
    const seen: [ContainerState, boolean, boolean][] = [[c.state, c.isIdle(), c.isReserved()]];
    c.initDone();
    seen.push([c.state, c.isIdle(), c.isReserved()]);
    c.reserve();
    seen.push([c.state, c.isIdle(), c.isReserved()]);
    c.kill();
    seen.push([c.state, c.isIdle(), c.isReserved()]);
    expect(seen).toEqual([
      ["Starting", false, false],
      ["Ready", true, false],
      ["Invoking", false, true],
      ["Stopped", false, false],
    ]);
    const early = bare();
    early.reserve();
    expect([early.state, early.isIdle(), early.isReserved()]).toEqual(["StartingReserved", false, true]);
  });

  it("ends once: the pool hears of the end once, however often it is killed", () => {
    const ended: number[] = [];
    const c = bare((e) => ended.push(e.id));
    c.kill();
    c.kill();
    expect(ended).toEqual([4]);
    // The invocation it was serving is given back after the end: it stays Stopped.
    c.release();
    expect(c.state).toBe("Stopped");
  });

  it("refuses to reserve an environment that ended, naming the container and both states", () => {
    const c = bare();
    c.kill();
    expect(() => c.reserve()).toThrow(
      "container #4: state transition from Stopped to Invoking is not allowed (reserve)",
    );
  });
});
