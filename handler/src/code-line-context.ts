/**
 * Bare lines judged in their context, line after line, as a reader takes them in:
 *
 * - Rhythm: right after a line of code, a line that is not a sentence and is indented under it with any
 *   sign of code (an operator, a bracket, an identifier of code's shape), or has as many signs of code
 *   as plain words, or is a short fragment (`end`, `where`), is code too. A solution does not become
 *   prose one weak line at a time.
 * - A comment-only line (`// ...`, `-- ...`) between lines of code belongs to the code; it counts nothing.
 * - A fence drawn with look-alike characters (`ˋˋˋ`, `～～～`) is a fence to the eye: every line up
 *   to its closing look-alike counts as code, whatever it looks like, as in a real fenced block.
 *
 * Only for lines the page renders as text (paragraphs, headings, HTML it would show); lines of a real
 * code block are code whatever they look like, and reset the context.
 */
import {
  codeWeight,
  fenceLike,
  isCommentLine,
  judgeLine,
  judgingForm,
  type LineJudgement,
} from "./code-line.js";
import { isSentence, shapeOf } from "./code-line-shape.js";

export type ContextJudgement = LineJudgement & {
  /** Stays with the code around it (a comment, a look-alike fence line) without counting. */
  neutral: boolean;
};

const PROSE: ContextJudgement = { code: false, weight: 0, neutral: false };

export class BareLineJudge {
  /** The last non-blank text line was code. */
  private afterCode = false;
  private fence: { char: string; length: number } | undefined;

  /** `notice`: the guard's own notice line; where it stands, code was withheld and the context ends. */
  constructor(private readonly notice = "") {}

  /** Judges the next text line; `indent`: the spaces before it (paragraph text keeps them in the source). */
  judge(line: string, indent = 0): ContextJudgement {
    if (this.notice !== "" && line.trim() === this.notice) {
      this.reset();
      return PROSE;
    }
    const fence = fenceLike(line);
    if (this.fence) {
      const closes =
        fence !== undefined && fence.char === this.fence.char && fence.length >= this.fence.length;
      // Its closing line ends the block, as a real fence does: what follows is judged afresh.
      if (closes) {
        this.fence = undefined;
        this.afterCode = false;
        return { code: true, weight: 0, neutral: true };
      }
      this.afterCode = true;
      const text = judgingForm(line);
      return text === ""
        ? { code: true, weight: 0, neutral: true }
        : { code: true, weight: codeWeight(text), neutral: false };
    }
    if (fence) {
      this.fence = fence;
      this.afterCode = true;
      return { code: true, weight: 0, neutral: true };
    }
    const own = judgeLine(line);
    if (own.code) {
      this.afterCode = true;
      return { ...own, neutral: false };
    }
    if (this.afterCode && isCommentLine(line)) return { code: true, weight: 0, neutral: true };
    if (this.afterCode && continuesCode(judgingForm(line), indent >= 2)) {
      return { code: true, weight: codeWeight(judgingForm(line)), neutral: false };
    }
    this.afterCode = false;
    return PROSE;
  }

  /** A line that is not text (a real code block, a thematic break): the context starts again. */
  reset(): void {
    this.afterCode = false;
    this.fence = undefined;
  }
}

/**
 * A line following code that keeps to its rhythm: not a sentence, few plain words, and either as many
 * signs of code as words or a short fragment of lower-case words (`end`, `where`, `in go rest`). A
 * line of prose that merely mentions code (`Ports move with `X` and `Y``), a table rule, a short line
 * that ends like a sentence or a label (`Done.`, `Output:`) stay prose.
 */
function continuesCode(text: string, indented: boolean): boolean {
  if (text === "" || /^[|:\-\s]+$/.test(text)) return false;
  const shape = shapeOf(text);
  if (isSentence(text, shape) || shape.glue >= 2) return false;
  const signs = shape.operators + shape.brackets + shape.codeTokens + shape.strings;
  // Indented under a line of code, as a block's body is, any sign of code will do.
  if (signs > 0 && indented) return true;
  if (signs > 0) return signs >= shape.words && !/^\p{Lu}\p{Ll}+\s+\p{Ll}/u.test(text);
  return shape.tokens.length <= 3 && /^[\p{Ll}_$][\p{L}\p{N}_$\s]*$/u.test(text);
}
