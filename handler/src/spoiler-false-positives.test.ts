/**
 * The false-positive measure on honest hints (handler/README.md, "False positives"): with the default
 * budget, no honest answer of the corpus is changed, and the guard counts exactly the text lines that
 * do show code (`bareCode`): none of the other text lines of prose, tables, labels, other languages.
 */
import { expect, it } from "vitest";
import { BareLineJudge } from "./code-line-context.js";
import { MarkdownLines } from "./markdown-code.js";
import { SpoilerGuard } from "./spoiler-guard.js";
import { codeShownIn } from "./spoiler-history.js";
import { normalizeAnswer } from "./spoiler-normalize.js";
import { CORPUS_MAX_CODE_LINES, SPOILER_CORPUS } from "./test-support/spoiler-corpus.js";

const HONEST = SPOILER_CORPUS.filter((c) => c.expect.kind === "untouched");

/** Text lines of an answer, and those the guard's judge takes for code. */
function textLines(answer: string): { text: number; code: string[] } {
  const lines = new MarkdownLines();
  for (const line of normalizeAnswer(answer).replace(/\n$/, "").split("\n")) lines.addLine(line);
  const judge = new BareLineJudge();
  let text = 0;
  const code: string[] = [];
  for (const role of lines.decide(undefined, true).roles) {
    if (role.type === "code") judge.reset();
    if (role.type !== "text") continue;
    text++;
    const judged = judge.judge(role.text);
    if (judged.code && !judged.neutral) code.push(role.text);
  }
  return { text, code };
}

it("changes none of the honest answers at the default budget", () => {
  expect(HONEST.length).toBeGreaterThanOrEqual(60);
  const changed = HONEST.filter((c) => {
    const guard = new SpoilerGuard(CORPUS_MAX_CODE_LINES, {
      userCode: c.userCode,
      alreadyShown: codeShownIn(c.history ?? []),
    });
    return guard.push(c.answer) + guard.flush() !== c.answer;
  });
  expect(changed.map((c) => c.id)).toEqual([]);
});

it("counts as code exactly the honest text lines that show code (no false positive among the others)", () => {
  let prose = 0;
  const wrong: string[] = [];
  for (const c of HONEST) {
    const { text, code } = textLines(c.answer);
    prose += text - (c.bareCode ?? 0);
    if (code.length !== (c.bareCode ?? 0)) wrong.push(`${c.id}: ${JSON.stringify(code)}`);
  }
  expect(wrong).toEqual([]);
  // The number handler/README.md reports: text lines of honest answers that show no code.
  expect(prose).toBe(172);
});
