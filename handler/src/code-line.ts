/**
 * Code written outside any code block ("bare" code): a model told to avoid code blocks can still print
 * a solution as plain lines, one inline code span per list item, one line per heading or table row, a
 * line of code per sentence-like comment, or in look-alike letters. These rules find such lines in
 * what a line renders as (code-line-text.ts), in its judging form (code-line-skeleton.ts), by structure
 * (code-line-shape.ts). They lean towards "code": a false positive costs one line of budget, a false
 * negative leaks a line of a solution.
 */

import { isCodeText, isCommentOnly, isStatementText } from "./code-line-shape.js";
import { skeleton } from "./code-line-skeleton.js";
import {
  beforeComment,
  codeSpans,
  embeddedStatements,
  labelParts,
  plainInline,
  tableCells,
  unescapeInline,
  withoutSpans,
} from "./code-line-text.js";

export interface LineJudgement {
  code: boolean;
  /** Lines of budget the line uses when it is code (codeWeight of its code). */
  weight: number;
}

const PROSE: LineJudgement = { code: false, weight: 0 };

/** Raw HTML tags in a line of text: the page drops them (`skipHtml`), so they are not judged. */
const INLINE_TAG = /<\/?[A-Za-z][\w-]*(?:\s[^<>]*)?\/?>|<!--.*?-->/g;

/** The rendered text of a Markdown text line, in judging form. */
export function judgingForm(line: string): string {
  return plainInline(skeleton(line).replace(INLINE_TAG, " "))
    .replace(/&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|\w+);|\\[!-/:-@[-`{-~]/g, (escaped) =>
      unescapeInline(escaped),
    )
    .trim();
}

/** Whether a whole fragment (a line, a cell, a side of a label) is code, one span being its content. */
function fragmentIsCode(text: string): boolean {
  const spans = codeSpans(text);
  const only = spans.length === 1 && spans[0]?.start === 0 && spans[0].end === text.length;
  if (only) return isCodeText(spans[0]?.content ?? "");
  const rest = withoutSpans(text, spans);
  if (isCodeText(rest)) return true;
  const code = beforeComment(rest);
  if (code !== undefined && isCodeText(code)) return true;
  // A statement inside a sentence: from an assignment to the end of the line, read as a statement.
  return embeddedStatements(rest).some((statement) => isStatementText(statement, false));
}

/**
 * Judges one line of Markdown text outside any code block (list, quote and heading markers removed).
 * @example judgeLine("total += values[i];") // { code: true, weight: 1 }
 * @example judgeLine("1. `left = 0`") // { code: true, weight: 1 }
 * @example judgeLine("Think about what the loop keeps true.") // { code: false, weight: 0 }
 */
export function judgeLine(line: string): LineJudgement {
  const text = judgingForm(line);
  if (text === "" || /^([-*_])(\s*\1){2,}$/.test(text)) return PROSE;
  // A table row is judged by its cells (the bars between them are not operators).
  const parts = tableCells(text) ?? [text, ...labelParts(text)];
  if (parts.some(fragmentIsCode)) return { code: true, weight: codeWeight(text) };
  // Inline code spans inside prose count when they hold a statement; each counts on its own.
  const statements = codeSpans(text).filter((span) => isStatementText(span.content));
  if (statements.length === 0) return PROSE;
  return { code: true, weight: statements.reduce((sum, span) => sum + codeWeight(span.content), 0) };
}

/** Whether a line is only a comment (it then counts nothing, but stays with the code around it). */
export function isCommentLine(line: string): boolean {
  return isCommentOnly(judgingForm(line));
}

/** A fence drawn with look-alike characters (`ˋˋˋ`, `～～～`): not a fence to the page, one to the eye. */
export function fenceLike(line: string): { char: string; length: number } | undefined {
  const fence = /^(`{3,}|~{3,})/.exec(skeleton(line).trim());
  const run = fence?.[1];
  return run ? { char: run[0] as string, length: run.length } : undefined;
}

/** Keywords that start a statement; a line starting with one (or with the start of one) waits. */
const STATEMENT_WORDS = (
  "def class function func fn fun proc defp defn return import from const let var val public private " +
  "protected static void int long double float char bool boolean auto struct enum package using namespace " +
  "elif elsif else except finally try catch throw raise yield async await lambda print println printf puts " +
  "echo for foreach while until loop if unless switch case match when do break continue pass new delete " +
  "end local mut impl pub use typedef template unsigned std System console Console fmt begin then where " +
  "module type data guard defer go select"
).split(" ");

/**
 * True when the start of a line (no newline yet) reads as the start of a sentence, so it may stream
 * at once: a word that is not (the start of) a statement keyword, alone or followed by another word.
 * The caller has removed list and quote markers. Anything else waits for the end of its line.
 * @example startsAsProse("Hello") // true
 * @example startsAsProse("best = ") // false
 */
export function startsAsProse(partial: string): boolean {
  const text = skeleton(partial).replace(/^(\*{1,3}|_{1,3})(?=\p{L})/u, "");
  const word = /^[\p{L}\p{M}'’-]+/u.exec(text)?.[0];
  if (!word) return false;
  const rest = text.slice(word.length);
  if (rest === "") return !STATEMENT_WORDS.some((keyword) => keyword.startsWith(word));
  if (STATEMENT_WORDS.includes(word)) return false;
  // The word may close emphasis (`**Hint:** ...`) or end a clause before the next word.
  const next = rest.replace(/^[,.:;!?]?(\*{1,3}|_{1,3})?[,.:;!?]?/u, "");
  return /^\s+[\p{L}\p{N}"'“*_`]/u.test(next) || /^[,!?]?\s*$/u.test(rest);
}

/** Characters one counted line may hold before it counts again. */
export const LINE_WIDTH = 80;

/**
 * How many lines of budget one line of code uses: one, or more for a line that packs several: one per
 * 80 characters started, or one per statement when `;` or `{` separate statements on it (a solution
 * minified onto one line costs what it would cost written out).
 * @example codeWeight("a += v[i];") // 1
 * @example codeWeight("for (let i = 0; i < n; i++) {") // 3
 */
export function codeWeight(line: string): number {
  const text = line.trim();
  const separators = text.match(/;(?!\s*$)|\{(?!\s*\}|\s*$)/g)?.length ?? 0;
  return Math.max(1, Math.ceil(text.length / LINE_WIDTH), separators + 1);
}
