import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SPOILER_NOTICE, SpoilerGuard } from "./spoiler-guard.js";

/** Feeds the pieces, returning what was emitted after each push and after flush. */
function run(pieces: string[], max = 3): { emitted: string[]; flushed: string; text: string } {
  const guard = new SpoilerGuard(max);
  const emitted = pieces.map((p) => guard.push(p));
  const flushed = guard.flush();
  return { emitted, flushed, text: emitted.join("") + flushed };
}

const block = (lines: number, fence = "```") =>
  `${fence}js\n${Array.from({ length: lines }, (_, i) => `x${i}();\n`).join("")}${fence}\n`;

describe("SpoilerGuard", () => {
  it("passes prose through immediately, piece by piece", () => {
    const { emitted } = run(["Hello ", "there,\nhow ", "are you?"]);
    expect(emitted).toEqual(["Hello ", "there,\nhow ", "are you?"]);
  });

  it("keeps a short code block, released when it closes", () => {
    const { emitted, text } = run(["See:\n", block(2).slice(0, 10), block(2).slice(10), "done"]);
    expect(emitted[1]).toBe("");
    expect(emitted[2]).toBe(block(2));
    expect(text).toBe(`See:\n${block(2)}done`);
  });

  it("replaces a block longer than the limit with the notice, sent once the limit is passed", () => {
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
    expect(text).toBe(`Intro\n${SPOILER_NOTICE}Outro`);
  });

  it("a block of exactly the limit is kept", () => {
    expect(run([block(3)]).text).toBe(block(3));
  });

  it("detects a fence split over pieces (` then ``js)", () => {
    const code = block(5);
    const pieces = ["Look:\n`", "`", code.slice(2, 9), code.slice(9)];
    const { emitted, text } = run(pieces);
    expect(emitted[0]).toBe("Look:\n");
    expect(emitted[1]).toBe("");
    expect(text).toBe(`Look:\n${SPOILER_NOTICE}`);
  });

  it("holds an indented fence start and treats ``` text mid-line as prose", () => {
    expect(run(["say ```js``` inline\n"]).text).toBe("say ```js``` inline\n");
    expect(run(["   ``", "`\nA\nB\nC\nD\n   ```\n"]).text).toBe(SPOILER_NOTICE);
  });

  it("releases a line that starts like a fence but is not one", () => {
    const { emitted, text } = run(["``", "x`` and more\n"]);
    expect(emitted[0]).toBe("");
    expect(text).toBe("``x`` and more\n");
  });

  it("supports ~~~ fences and needs the same fence to close", () => {
    expect(run(["~~~\n```\nA\n~~~\nafter"], 3).text).toBe("~~~\n```\nA\n~~~\nafter");
    expect(run([block(4, "~~~~")]).text).toBe(SPOILER_NOTICE);
  });

  it("an unclosed short fence at the end is released as is", () => {
    expect(run(["```js\nlet a;\nlet b"]).text).toBe("```js\nlet a;\nlet b");
  });

  it("an unclosed long fence at the end becomes the notice", () => {
    expect(run(["```js\n1\n2\n3\n4"]).text).toBe(SPOILER_NOTICE);
    expect(run(["```js\n1\n2\n3\n4\n5\n"]).text).toBe(SPOILER_NOTICE);
  });

  it("a closing fence without a final newline at the end closes the block", () => {
    expect(run(["```\nA\n```"]).text).toBe("```\nA\n```");
    expect(run(["```\nA\nB\nC\nD\n```"]).text).toBe(SPOILER_NOTICE);
  });

  it("an opening fence with no newline yet is held, then released at flush", () => {
    const { emitted, flushed } = run(["```python"]);
    expect(emitted).toEqual([""]);
    expect(flushed).toBe("```python");
  });

  it("gives the same text whatever the chunking (property)", () => {
    const doc = `Intro\n${block(2)}middle \`code\`\n${block(6)}end\n${block(1, "~~~")}`;
    const expected = run([doc]).text;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: doc.length - 1 }), { maxLength: 30 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const pieces = [0, ...points].map((start, i) => doc.slice(start, points[i] ?? doc.length));
        expect(run(pieces).text).toBe(expected);
      }),
      { numRuns: 200 },
    );
    expect(expected).toBe(`Intro\n${block(2)}middle \`code\`\n${SPOILER_NOTICE}end\n${block(1, "~~~")}`);
  });
});
