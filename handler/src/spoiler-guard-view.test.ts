/** The guard's view of an answer is the page's: canonical text, look-alikes, and the notice's place. */
import { describe, expect, it } from "vitest";
import { SPOILER_NOTICE, SpoilerGuard } from "./spoiler-guard.js";

const WITHHELD = `${SPOILER_NOTICE}\n`;

function run(pieces: string[], max = 3, alreadyShown = 0): string {
  const guard = new SpoilerGuard(max, { alreadyShown });
  return pieces.map((p) => guard.push(p)).join("") + guard.flush();
}

describe("one view of an answer", () => {
  it("sends every line end as \\n, and drops format characters", () => {
    expect(run(["a\rb\r", "\nc\u2028d\u200B\n"])).toBe("a\nb\nc\nd\n");
  });

  it("counts the lines U+2028 separates inside a block", () => {
    expect(run(["```\na\u2028b\u2028c\u2028d\n```\nafter\n"])).toBe(`${WITHHELD}after\n`);
  });

  it("finds a fence a zero-width space was hiding, and a fence drawn with look-alikes", () => {
    expect(run(["`\u200B``\nalpha\nbeta\ngamma\ndelta\n```\nafter\n"])).toBe(`${WITHHELD}after\n`);
    expect(run(["｀｀｀\nalpha\nbeta\ngamma\ndelta\n｀｀｀\nafter\n"])).toBe(`${SPOILER_NOTICE}after\n`);
  });

  it("reads code written with look-alike letters", () => {
    expect(run(["rеturn bеst\nіf x > 0:\nеlsе:\nbrеak\n"], 2)).toBe(SPOILER_NOTICE);
  });
});

describe("the notice's place", () => {
  it("closes the paragraph where the withheld block did, so a line after it parses as before", () => {
    // After indented code, `===` starts a paragraph; after the notice, it would underline it.
    expect(run(["    a = 1\n    b = 2\n===\n    c\n"], 1)).toBe(`${WITHHELD}===\n    c\n`);
  });

  it("starts a new block at a new list item, so the item's marker stays with its lines", () => {
    expect(run(["- x = 1;\n- y = 2;\n  z = 3;\n"], 1)).toBe(`- x = 1;\n- ${SPOILER_NOTICE}`);
  });

  it("sends no code after the first withheld block, not even a block that counts nothing", () => {
    expect(run(["```\na\nb\nc\nd\n```\nok\n```\n```\n"])).toBe(`${WITHHELD}ok\n\n`);
  });

  it("takes the budget the conversation left", () => {
    expect(run(["```\na\nb\n```\n"], 3, 1)).toBe("```\na\nb\n```\n");
    expect(run(["```\na\nb\n```\n"], 3, 2)).toBe(WITHHELD);
  });
});
