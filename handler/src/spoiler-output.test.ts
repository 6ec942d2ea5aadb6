import { describe, expect, it } from "vitest";
import { OutputView } from "./spoiler-output.js";

describe("OutputView", () => {
  it("defuses a line that would open a fence where it now stands", () => {
    const view = new OutputView("_[notice]_\n\n");
    // After a paragraph and a blank line `2)` starts a list, whose item opens a fence.
    expect(view.send("2) ```\n   x\n")).toBe("2) \\```\n   x\n");
  });

  it("defuses a line that would be indented code, or start an HTML block", () => {
    expect(new OutputView("# Heading\n").send("    x = 1\n")).toBe("x = 1\n");
    expect(new OutputView("").send("<pre>\n")).toBe("\\<pre>\n");
    expect(new OutputView("> quote\n>\n").send(">     y = 2\n")).toBe("> y = 2\n");
  });

  it("sends text that stays text as it is, and completes a line whose start went out before", () => {
    const view = new OutputView("Head of a line");
    expect(view.send(" and its end\n    four spaces, continuing the paragraph\n")).toBe(
      " and its end\n    four spaces, continuing the paragraph\n",
    );
    expect(view.send("last")).toBe("last");
  });

  it("checks the last line too, though no line end follows it", () => {
    expect(new OutputView("# Heading\n").send("    tail")).toBe("tail");
  });
});
