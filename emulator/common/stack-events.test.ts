import { expect, it } from "vitest";
import { type FunctionLog, StackEvents } from "./stack-events.js";

it("tells each listener of an event, in the order they subscribed, and only that event", () => {
  const events = new StackEvents();
  const heard: string[] = [];
  events.on("function:log", ({ containerId, line }) => heard.push(`a ${containerId} ${line}`));
  events.on("function:log", ({ line }) => heard.push(`b ${line}`));
  events.on("model-call:ended", () => heard.push("model"));
  events.emit("function:log", { containerId: 2, line: "hi" });
  expect(heard).toEqual(["a 2 hi", "b hi"]);
});

it("says whether anyone listens, and forgets a listener that unsubscribed", () => {
  const events = new StackEvents();
  const heard: FunctionLog[] = [];
  expect(events.listens("function:log")).toBe(false);
  const stop = events.on("function:log", (log) => heard.push(log));
  expect(events.listens("function:log")).toBe(true);
  stop();
  expect(events.listens("function:log")).toBe(false);
  events.emit("function:log", { containerId: 1, line: "nobody hears this" });
  expect(heard).toEqual([]);
});
