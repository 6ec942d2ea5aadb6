/**
 * Which part may import which (ARCHITECTURE.md, "Who may import whom"). Each rule follows every
 * static and dynamic import, so a path through a third folder is caught as well as a direct import.
 */
import { expect, it } from "vitest";
import { chainBetween, cyclesUnder } from "../test-support/import-graph.js";

it("the Terraform reader reaches nothing of emulator/config, directly or through another module", () => {
  expect(chainBetween("emulator/terraform", "emulator/config")).toBeUndefined();
});

it("the config loader is the one that imports the Terraform reader (the direction stays one way)", () => {
  expect(chainBetween("emulator/config", "emulator/terraform")).toBeDefined();
});

// The configuration sits below the stack and the command line: they read it, it never reads them
// (what both need, such as the loopback rules and the nearest-word helper, lives in emulator/common/).
it.each(["emulator/cli", "emulator/stack"])("emulator/config reaches nothing of %s", (dir) => {
  expect(chainBetween("emulator/config", dir)).toBeUndefined();
});

// The handler ships on its own and the frontend speaks HTTP to whatever endpoint it is given, so
// neither reaches emulator/, not even through a test double shared with other areas (TESTING.md).
it.each(["handler", "frontend"])("nothing under %s/ reaches emulator/, tests and doubles included", (dir) => {
  expect(chainBetween(dir, "emulator", { tests: true })).toBeUndefined();
});

it("the graph sees a real path (the rules above are not vacuous)", () => {
  expect(chainBetween("emulator/stack", "emulator/function-url")).toBeDefined();
  expect(chainBetween("test/chain", "emulator", { tests: true })).toBeDefined();
});

// Type-only imports are erased at compile time; a run-time loop makes module order matter.
it.each(["emulator", "handler", "frontend", "bench", "security", "contracts", "scripts"])(
  "no run-time import cycle under %s/",
  (dir) => {
    expect(cyclesUnder(dir, { runtimeOnly: true, tests: true })).toEqual([]);
  },
);

// Each service stands alone behind HTTP; only the stack knows them all. A type-only import of another
// service's record shape (the inspector's, say) is erased at compile time and allowed.
const SERVICES = ["cloudfront", "function-url", "cognito", "gemini", "ssm"] as const;
it.each(SERVICES.flatMap((from) => SERVICES.filter((to) => to !== from).map((to) => [from, to])))(
  "emulator/%s reaches nothing of emulator/%s at run time",
  (from, to) => {
    expect(chainBetween(`emulator/${from}`, `emulator/${to}`, { runtimeOnly: true })).toBeUndefined();
  },
);

// The inspector listens to the stack's event bus (emulator/common/stack-events.ts) and knows no service;
// the services emit on the bus they are given and know no inspector. Type-only imports count here:
// the events' payloads are the only shapes the two sides share.
it.each(SERVICES)("nothing under emulator/inspector/ reaches emulator/%s, types included", (service) => {
  expect(chainBetween("emulator/inspector", `emulator/${service}`)).toBeUndefined();
});

it.each(SERVICES)("emulator/%s reaches nothing of emulator/inspector/, types included", (service) => {
  expect(chainBetween(`emulator/${service}`, "emulator/inspector")).toBeUndefined();
});
