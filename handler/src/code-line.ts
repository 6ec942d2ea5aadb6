/**
 * Heuristics for code written outside any Markdown code block ("bare" code lines). A model told to
 * avoid code blocks can still print a solution as plain lines; these rules spot such lines so they
 * count against the answer's code budget like any other code. They look at one line at a time and
 * lean towards "code": a false positive costs one line of budget, a false negative leaks a line.
 */

/** Words that start a statement in common languages (case-sensitive: prose starts sentences capitalised). */
const KEYWORDS = (
  "def class function func fn return import from const let var val public private protected static void int " +
  "long double float char bool boolean auto struct enum package using namespace elif else except finally try " +
  "catch throw raise yield async await lambda print println printf for foreach while if switch case do break " +
  "continue pass new delete end local mut impl pub use typedef template unsigned std System console Console fmt"
).split(" ");

const STATEMENT_START = new RegExp(`^(${KEYWORDS.join("|")})\\b`);

/** Characters that are rare in prose and common in code. */
const CODE_CHARS = /[(){}[\];=<>+\-*/%&|!^]/g;

/** Words of two or more letters: prose is made of them. */
const PLAIN_WORD = /(?:^|\s)[A-Za-z\u00C0-\u024F']{2,}[,.:;!?]?(?=\s|$)/g;

/**
 * True when a line outside any code block reads as a line of code. Markdown that can carry a line of
 * code is looked into: a heading's text, a table row's cells, the text after a label (`Line 3: ...`).
 * @example isCodeLine("total += values[i];") // true
 * @example isCodeLine("Think about what the loop keeps true.") // false
 */
export function isCodeLine(line: string): boolean {
  const text = line.trim();
  if (/^([-*_])(\s*\1){2,}$/.test(text)) return false; // a thematic break
  const heading = /^#{1,6}(?:\s+(.*?))?\s*#*$/.exec(text);
  if (heading) return isCodeText(heading[1] ?? "");
  if (/^\|.*\|$/.test(text)) {
    return text
      .slice(1, -1)
      .split("|")
      .some((cell) => !/^\s*:?-+:?\s*$/.test(cell) && isCodeText(cell));
  }
  const label = /^[\p{L}\p{N} ]{1,24}:\s+(.+)$/u.exec(text);
  return isCodeText(text) || (label?.[1] !== undefined && isCodeText(label[1]));
}

function isCodeText(raw: string): boolean {
  let text = raw.trim();
  if (text === "") return false;
  // A line that is one inline code span is judged by what is inside it.
  const span = /^(`+)([^`].*?)\1$/.exec(text);
  if (span?.[2]) text = span[2].trim();
  // Complexity in big-O notation is maths, not code.
  if (/^O\([^()]*(\([^()]*\))?[^()]*\)$/.test(text)) return false;
  // Only brackets and separators: the tail of a code block.
  if (/^[\]})[({;,]+;?$/.test(text)) return true;
  if (/^#(include|define|import)\b/.test(text)) return true;
  // A prose sentence: ends like one and is mostly words.
  const words = text.match(PLAIN_WORD)?.length ?? 0;
  const symbols = text.match(CODE_CHARS)?.length ?? 0;
  if (/[.?!]$/.test(text) && (symbols === 0 || (words >= 4 && symbols <= 2))) return false;
  // Ends like a statement or opens a block.
  if (/[{;]$/.test(text) || /^[}\])]/.test(text)) return true;
  if (/\)\s*:$/.test(text) || /^(else|try|finally|except.*|do)\s*:$/.test(text)) return true;
  if (STATEMENT_START.test(text) && (symbols > 0 || /:$/.test(text) || words <= 3)) return true;
  // An assignment or a call as a whole statement: `x = ...`, `a, b = b, a + b`, `result.append(x)`.
  if (
    /^[A-Za-z_$][\w$.]*(\[[^\]]*\])*(\s*,\s*[A-Za-z_$][\w$.]*(\[[^\]]*\])*)*\s*([-+*/%|&^]|<<|>>|\?\?|:)?=[^=]/.test(
      text,
    )
  ) {
    return words <= 6;
  }
  if (/^[A-Za-z_$][\w$.]*\(.*\)\s*;?$/.test(text) && words <= 4) return true;
  // Dense with operators and brackets, few words.
  const nonSpace = text.replace(/\s/g, "").length;
  return symbols >= 3 && symbols / nonSpace >= 0.15 && words <= 4;
}

/**
 * True when the start of a line (no newline yet) reads as the start of a sentence, so it may stream
 * at once: a word that is not (the start of) a statement keyword, alone or followed by another word.
 * The caller has removed list and quote markers. Anything else waits for the end of its line.
 * @example startsAsProse("Hello") // true
 * @example startsAsProse("best = ") // false
 */
export function startsAsProse(partial: string): boolean {
  const text = partial.replace(/^(\*{1,3}|_{1,3})(?=\p{L})/u, "");
  const word = /^[\p{L}\p{M}'’-]+/u.exec(text)?.[0];
  if (!word) return false;
  const rest = text.slice(word.length);
  if (rest === "") return !KEYWORDS.some((keyword) => keyword.startsWith(word));
  if (KEYWORDS.includes(word)) return false;
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
