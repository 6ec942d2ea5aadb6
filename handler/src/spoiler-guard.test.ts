import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SPOILER_NOTICE, SpoilerGuard } from "./spoiler-guard.js";

/** Feeds the pieces, returning what was emitted after each push and after flush. */
function run(
  pieces: string[],
  max = 3,
  userCode?: string,
): { emitted: string[]; flushed: string; text: string } {
  const guard = new SpoilerGuard(max, { userCode });
  const emitted = pieces.map((p) => guard.push(p));
  const flushed = guard.flush();
  return { emitted, flushed, text: emitted.join("") + flushed };
}

/** What replaces a withheld code block: the notice, then a blank line that closes its paragraph. */
const WITHHELD = `${SPOILER_NOTICE}\n`;

const code = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `x${from + i}();\n`).join("");
const block = (lines: number, fence = "```", from = 0) => `${fence}js\n${code(lines, from)}${fence}\n`;

it("sends the notice handler/README.md pins, as one line", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  expect(readme).toContain(`\n\`\`\`\n${SPOILER_NOTICE}\`\`\`\n`);
  expect(SPOILER_NOTICE.indexOf("\n")).toBe(SPOILER_NOTICE.length - 1);
});

describe("streaming", () => {
  it("passes prose through piece by piece, even before the line ends (the pinned SSE example)", () => {
    expect(run(["Hello", ", how can I help?"]).emitted).toEqual(["Hello", ", how can I help?"]);
    expect(run(["one", "two", "three"]).emitted).toEqual(["one", "two", "three"]);
    expect(run(["- Try ", "a smaller input.\n> Quoted ", "text"]).emitted).toEqual([
      "- Try ",
      "a smaller input.\n> Quoted ",
      "text",
    ]);
  });

  it("holds a line that could still be code until it ends, then releases it", () => {
    const { emitted, text } = run(["best", " = width", "\nThat was code.\n"], 12);
    expect(emitted[0]).toBe("best");
    expect(run(["`x`", " is the value\n"], 12).emitted).toEqual(["", "`x` is the value\n"]);
    // Code lines outside a block wait for the block's end (here: the end of the answer).
    expect(run(["best = ", "width\n"], 12)).toMatchObject({ emitted: ["", ""], flushed: "best = width\n" });
    expect(run(["def", " f():\n"], 12)).toMatchObject({ emitted: ["", ""], flushed: "def f():\n" });
    expect(text).toBe("best = width\nThat was code.\n");
  });

  it("keeps a short block, released when it closes", () => {
    const { emitted, text } = run(["See:\n", block(2).slice(0, 10), block(2).slice(10), "done"]);
    expect(emitted[1]).toBe("");
    expect(emitted[2]).toBe(block(2));
    expect(text).toBe(`See:\n${block(2)}done`);
  });

  it("sends the notice as soon as a block passes the budget, and drops the rest of the block", () => {
    const { emitted, text } = run([
      "Intro\n",
      "```py\n",
      "a\n",
      "b\n",
      "c\n",
      "d\n",
      "e\n",
      "```\n",
      "Outro",
    ]);
    expect(emitted.slice(1, 5)).toEqual(["", "", "", ""]);
    expect(emitted[5]).toBe(SPOILER_NOTICE);
    expect(emitted.slice(6, 8)).toEqual(["", "\n"]);
    expect(text).toBe(`Intro\n${WITHHELD}Outro`);
  });

  it("a line streaming early pauses at `;` or `{`; its rest follows only if the whole line fits", () => {
    const pieces = ["Solution s", " = new Solution(); s.run(); x = 1;\n", "Done.\n"];
    expect(run(pieces, 1).emitted).toEqual(["Solution s", ` = new Solution()\n${SPOILER_NOTICE}`, "Done.\n"]);
    expect(run(pieces, 3).emitted).toEqual(["Solution s", " = new Solution(); s.run(); x = 1;\n", "Done.\n"]);
  });

  it("a line streaming early pauses once it is as long as the remaining budget's lines", () => {
    const long = `Answer is ${"a.b(c).d(e) ".repeat(20)}\n`;
    const { emitted } = run(["Answer is", long.slice(9, 200), long.slice(200), "Done.\n"], 2);
    expect(emitted[1]?.length).toBe(160 - 9);
    expect(emitted.join("")).toBe(`${long.slice(0, 160)}\n${SPOILER_NOTICE}Done.\n`);
  });

  it("a line streaming early never pauses on half of a surrogate pair", () => {
    const line = `Answer ${"😀".repeat(60)}\n`;
    const { emitted } = run(["Answer", line.slice(6, 100), line.slice(100)], 1);
    expect(emitted[1]).toBe(line.slice(6, 79));
    expect(emitted.join("")).toBe(line);
  });

  it("after a withheld block, prose still arrives but each line waits for its end", () => {
    const { emitted } = run([block(4), "Next ", "line\n"]);
    expect(emitted).toEqual([WITHHELD, "", "Next line\n"]);
  });

  it("an unclosed fence is judged at the end on what arrived", () => {
    expect(run(["```js\nlet a;\nlet b"]).text).toBe("```js\nlet a;\nlet b");
    expect(run(["```js\n1\n2\n3\n4"]).text).toBe(WITHHELD);
    expect(run(["```python"]).emitted).toEqual([""]);
    expect(run(["```python"]).flushed).toBe("```python");
  });
});

describe("budget per answer", () => {
  it("counts every block of the answer: 3 x 10 lines with a budget of 12 shows only the first", () => {
    const answer = `A\n${block(10)}B\n${block(10, "```", 10)}C\n${block(10, "~~~", 20)}D\n`;
    const { text } = run([answer], 12);
    expect(text).toBe(`A\n${block(10)}B\n${WITHHELD}C\n${WITHHELD}D\n`);
  });

  it("an answer of exactly the budget passes, one line more does not", () => {
    expect(run([block(2), block(1, "~~~", 5)]).text).toBe(block(2) + block(1, "~~~", 5));
    expect(run([block(2), block(2, "~~~", 5)]).text).toBe(block(2) + WITHHELD);
  });

  it("once a block was withheld, a later small block is withheld too", () => {
    expect(run([block(5), "ok\n", block(1, "```", 9)]).text).toBe(`${WITHHELD}ok\n${WITHHELD}`);
  });

  it("blank lines and fence lines do not count", () => {
    expect(run(["```\na\n\n\nb\n\nc\n```\n"]).text).toBe("```\na\n\n\nb\n\nc\n```\n");
  });

  it("a block quoting the user's code costs nothing; a block mixing it with new lines counts every line", () => {
    const userCode = "for x in xs:\n    total += x\nprint(total)";
    const quote = "```py\nfor x in xs:\n        total += x\nprint(total)\n```\n";
    expect(run([quote], 1, userCode).text).toBe(quote);
    expect(run([quote], 1).text).toBe(WITHHELD);
    // The same lines out of order, or with one of them left out, are not a quote.
    expect(run(["```py\nprint(total)\nfor x in xs:\n```\n"], 1, userCode).text).toBe(WITHHELD);
    expect(run(["```py\nfor x in xs:\nprint(total)\n```\n"], 1, userCode).text).toBe(WITHHELD);
    const mixed = "```py\nfor x in xs:\n        total += x\nprint(total)\ny = 1\n```\n";
    expect(run([mixed], 3, userCode).text).toBe(WITHHELD);
    expect(run([mixed], 4, userCode).text).toBe(mixed);
  });

  it("what the conversation already showed comes off the budget", () => {
    const guard = new SpoilerGuard(4, { alreadyShown: 3 });
    expect(guard.push(block(1)) + guard.flush()).toBe(block(1));
    const spent = new SpoilerGuard(4, { alreadyShown: 4 });
    expect(spent.push(`Hi.\n${block(1)}`) + spent.flush()).toBe(`Hi.\n${WITHHELD}`);
  });
});

describe("what counts as code", () => {
  it("a fence closes only with the same character, at least as long as the opening (CommonMark 4.5)", () => {
    // Inside a four-backtick fence, ``` is a line of code: a, ```, b, c make 4 lines.
    expect(run(["````\na\n```\nb\nc\n````\nafter\n"]).text).toBe(`${WITHHELD}after\n`);
    expect(run(["~~~~\na\n~~~\nb\nc\n~~~~\n"]).text).toBe(WITHHELD);
    expect(run(["```\na\n~~~\nb\nc\n```\n"]).text).toBe(WITHHELD);
    // A longer closing fence closes; a closing fence with an info string does not.
    expect(run(["```\na\n`````\nb\nc\nd\ne\n"]).text).toBe("```\na\n`````\nb\nc\nd\ne\n");
    expect(run(["```\na\n``` js\nb\nc\n```\n"]).text).toBe(WITHHELD);
  });

  it("``` with a backtick in its info string is not a fence to the parser, but it is one to the eye", () => {
    expect(run(["say ```js``` inline\n"]).text).toBe("say ```js``` inline\n");
    // The page shows the lines after it as a paragraph; the guard counts them like a fenced block's.
    expect(run(["```x`y\nalpha\nbeta\ngamma\ndelta\n"]).text).toBe(SPOILER_NOTICE);
  });

  it("an indented block (4 spaces or a tab) is code whatever it looks like (CommonMark 4.4)", () => {
    const words = "Plan:\n\n    alpha\n    beta\n\tgamma\n    delta\n\nafter\n";
    expect(run([words]).text).toBe(`Plan:\n\n${SPOILER_NOTICE}\nafter\n`);
  });

  it("an indented line continuing a paragraph or a list item is not code", () => {
    const text = "Think about it\n    alpha beta\n    gamma delta\n    epsilon\n    zeta\n";
    expect(run([text]).text).toBe(text);
    const list = "1. First step\n\n    more words here\n\n    and here\n\n    and more\n\n    and again\n";
    expect(run([list]).text).toBe(list);
  });

  it("fences inside list items and block quotes are found", () => {
    // The notice takes the block's place inside the same list item or block quote.
    expect(run([`- step\n  ${block(4).replaceAll("\n", "\n  ").trimEnd()}\n`]).text).toBe(
      `- step\n  ${WITHHELD}`,
    );
    expect(run([`> ${block(4).replaceAll("\n", "\n> ").slice(0, -2)}after\n`]).text).toBe(
      `> ${SPOILER_NOTICE}>\nafter\n`,
    );
    expect(run([`1. ${block(4).replaceAll("\n", "\n   ").trimEnd()}\n   more\n`]).text).toBe(
      `1. ${WITHHELD}   more\n`,
    );
  });

  it("a block quote that ends closes the fence or HTML block inside it (CommonMark 5.1)", () => {
    expect(run(["> <pre>\n> a\n> b\nx\ny\n"]).text).toBe("> <pre>\n> a\n> b\nx\ny\n");
    expect(run(["> ```\n> a\n> b\nx\ny\n"]).text).toBe("> ```\n> a\n> b\nx\ny\n");
  });

  it("HTML <pre> and <code> blocks count, whatever the renderer does with HTML", () => {
    expect(run(["<pre>\nalpha\nbeta\ngamma\ndelta\n</pre>\nafter\n"]).text).toBe(`${WITHHELD}after\n`);
    expect(run(["<pre>\nalpha\nbeta\n</pre>\n"]).text).toBe("<pre>\nalpha\nbeta\n</pre>\n");
  });

  it("bare code lines outside any block count", () => {
    const bare = "Do this:\nint a = 0;\nfor (int i = 0; i < n; i++) {\n  a += v[i];\n}\nDone.\n";
    expect(run([bare]).text).toBe(`Do this:\n${SPOILER_NOTICE}Done.\n`);
    // The for header holds three statements: 1 + 3 + 1 + 1 = 6 lines of budget.
    expect(run([bare], 6).text).toBe(bare);
    expect(run([bare], 5).text).toBe(`Do this:\n${SPOILER_NOTICE}Done.\n`);
  });
});
