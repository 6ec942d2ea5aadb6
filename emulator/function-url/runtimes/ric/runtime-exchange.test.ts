/**
 * The `ric` runtime's exchange with its Runtime API (runtime-exchange.ts): every move allowed, every
 * move refused with its exact message. The rows are written out here, not read from the module.
 */
import { expect, it } from "vitest";
import { InvalidStateTransitionError } from "../../containers/guarded-state.js";
import { type RuntimeExchangeEvent, type RuntimeExchangeState, runtimeExchange } from "./runtime-exchange.js";

const STATES: RuntimeExchangeState[] = [
  "Started",
  "Ready",
  "Running",
  "InvocationResponse",
  "ResponseSent",
  "ReadyBeforeResponse",
];
const EVENTS: RuntimeExchangeEvent[] = ["next", "invoke", "stream-start", "answered"];

/** How a runtime reaches each state from its spawn. */
const PATH: Record<RuntimeExchangeState, RuntimeExchangeEvent[]> = {
  Started: [],
  Ready: ["next"],
  Running: ["next", "invoke"],
  InvocationResponse: ["next", "invoke", "stream-start"],
  ResponseSent: ["next", "invoke", "answered"],
  ReadyBeforeResponse: ["next", "invoke", "next"],
};

function exchangeAt(state: RuntimeExchangeState) {
  const exchange = runtimeExchange(7);
  for (const event of PATH[state]) exchange.apply(event);
  expect(exchange.state).toBe(state);
  return exchange;
}

const ALLOWED: [RuntimeExchangeState, RuntimeExchangeEvent, RuntimeExchangeState][] = [
  ["Started", "next", "Ready"],
  ["Ready", "next", "Ready"],
  ["Ready", "invoke", "Running"],
  ["Running", "stream-start", "InvocationResponse"],
  ["Running", "answered", "ResponseSent"],
  ["Running", "next", "ReadyBeforeResponse"],
  ["InvocationResponse", "answered", "ResponseSent"],
  ["InvocationResponse", "next", "ReadyBeforeResponse"],
  ["ResponseSent", "next", "Ready"],
  // RIC asked for the next invocation before its failed stream's POST or trailers were in.
  ["ReadyBeforeResponse", "stream-start", "ReadyBeforeResponse"],
  ["ReadyBeforeResponse", "answered", "Ready"],
  ["ReadyBeforeResponse", "next", "ReadyBeforeResponse"],
];

const refusal = (from: string, to: string, event: string) =>
  `container #7 runtime: state transition from ${from} to ${to} is not allowed (${event})`;

// The first row spells its message out; the others build theirs the same way.
const REFUSED: [RuntimeExchangeState, RuntimeExchangeEvent, string][] = [
  [
    "Started",
    "invoke",
    "container #7 runtime: state transition from Started to Running is not allowed (invoke)",
  ],
  ["Started", "stream-start", refusal("Started", "InvocationResponse", "stream-start")],
  ["Started", "answered", refusal("Started", "ResponseSent", "answered")],
  ["Ready", "stream-start", refusal("Ready", "InvocationResponse", "stream-start")],
  ["Ready", "answered", refusal("Ready", "ResponseSent", "answered")],
  ["Running", "invoke", refusal("Running", "Running", "invoke")],
  ["InvocationResponse", "invoke", refusal("InvocationResponse", "Running", "invoke")],
  ["InvocationResponse", "stream-start", refusal("InvocationResponse", "InvocationResponse", "stream-start")],
  ["ResponseSent", "invoke", refusal("ResponseSent", "Running", "invoke")],
  ["ResponseSent", "stream-start", refusal("ResponseSent", "InvocationResponse", "stream-start")],
  ["ResponseSent", "answered", refusal("ResponseSent", "ResponseSent", "answered")],
  ["ReadyBeforeResponse", "invoke", refusal("ReadyBeforeResponse", "Running", "invoke")],
];

it("a spawned runtime is Started", () => {
  expect(runtimeExchange(1).state).toBe("Started");
});

it.each(ALLOWED)("%s --%s--> %s", (from, event, to) => {
  const exchange = exchangeAt(from);
  expect(exchange.apply(event)).toBe(to);
  expect(exchange.state).toBe(to);
});

it.each(REFUSED)("%s refuses %s", (from, event, message) => {
  const exchange = exchangeAt(from);
  expect(() => exchange.apply(event)).toThrow(InvalidStateTransitionError);
  expect(() => exchange.apply(event)).toThrow(message);
  expect(exchange.state).toBe(from);
});

it("the rows above cover every state and every event, each once", () => {
  const rows = [...ALLOWED, ...REFUSED].map(([from, event]) => `${from} ${event}`);
  expect(new Set(rows).size).toBe(rows.length);
  expect(rows.sort()).toEqual(STATES.flatMap((s) => EVENTS.map((e) => `${s} ${e}`)).sort());
});
