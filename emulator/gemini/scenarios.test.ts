import { describe, expect, it } from "vitest";
import { findMarker, parseScenario, ScenarioError, stripMarkers } from "./scenarios.js";

describe("parseScenario", () => {
  it("treats null, absent and default as a reset", () => {
    expect(parseScenario({ name: null })).toBeNull();
    expect(parseScenario({})).toBeNull();
    expect(parseScenario({ name: "default" })).toBeNull();
  });

  it("keeps known params and coerces numeric strings", () => {
    expect(parseScenario({ name: "paced", pieces: "5", delayMs: 20, ignored: true })).toEqual({
      name: "paced",
      pieces: 5,
      delayMs: 20,
    });
  });

  it.each([
    [{ name: "boom" }, "Unknown scenario"],
    [{ name: "paced", pieces: 1.5 }, "pieces"],
    [{ name: "stall-mid-stream", ms: 10_000_000 }, "ms"],
    [{ name: "paced", pieceSize: 0 }, "pieceSize"],
    [{ name: "rate-limited", retryDelay: "soon" }, "retryDelay"],
    [[], "JSON object"],
  ])("refuses %j", (input, message) => {
    expect(() => parseScenario(input)).toThrow(ScenarioError);
    expect(() => parseScenario(input)).toThrow(message);
  });
});

describe("markers", () => {
  it("finds a marker with params anywhere in the text", () => {
    expect(findMarker("please [[stub:slow-first-token ms=250]] help")).toEqual({
      found: true,
      scenario: { name: "slow-first-token", ms: 250 },
    });
  });

  it("reports [[stub:default]] as found with no scenario, and no marker as not found", () => {
    expect(findMarker("x [[stub:default]]")).toEqual({ found: true, scenario: null });
    expect(findMarker("no marker [[other]]")).toEqual({ found: false, scenario: null });
  });

  it("strips markers from the text", () => {
    expect(stripMarkers("why [[stub:paced pieces=3]] is it slow?")).toBe("why is it slow?");
  });
});
