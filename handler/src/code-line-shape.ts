/**
 * Whether a piece of text (one line, or one cell or code span of it, in its judging form: see
 * code-line-skeleton.ts) is code, judged by its structure: the shapes of its tokens (identifiers with
 * `_` or camelCase, calls, indexing, member access, string literals), how dense it is with operators
 * and brackets, how it starts and ends (a statement keyword, an assignment, a closing bracket; `;`,
 * `{`, `:` after a header, `=` or `do` after a definition), and how much of it is plain words. Keywords
 * are one signal among these, so a language whose keywords are not listed is still caught by its
 * shape (`fun`, `proc`, `defp`, `:=`, `<-`, `->`, `|>`, `end`...).
 */

/** Statement starters of common languages (lower case: prose starts its sentences capitalised). */
const KEYWORDS = new Set(
  (
    "def class function func fn fun proc defp defn defun sub method return import from const let var val " +
    "public private protected static void int long double float char bool boolean auto struct enum package " +
    "using namespace elif elsif else except finally try catch throw raise yield async await lambda print " +
    "println printf puts echo for foreach while until loop if unless switch case match when do break " +
    "continue pass new delete end local mut impl pub use typedef template unsigned std System console " +
    "Console fmt begin then done fi esac where module type data instance guard defer go select"
  ).split(" "),
);

/** Short English words that glue sentences together; code rarely has two of them in a row. */
const GLUE = new Set(
  (
    "the a an is are was be of to and in on at by that this these those it its you your we our they " +
    "with as so but or not no can will would should could must may might what which who why how when " +
    "there here than then into onto about each every one any all some more most just also only very"
  ).split(" "),
);

const TOKEN =
  /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[\p{L}_$][\p{L}\p{N}_$]*|\d+(?:\.\d+)?|==|!=|<=|>=|[-+*/%&|^]=|:=|<-|->|=>|&&|\|\||\+\+|--|\*\*|\/\/|<<|>>|::|\|>|\.\.|\S/gu;

// `?` and `!` alone are left out: prose ends its sentences with them, in every script.
const OPERATOR = /^(?:==|!=|<=|>=|[-+*/%&|^]=|:=|<-|->|=>|&&|\|\||\+\+|\*\*|<<|>>|::|\|>|[=<>+\-*/%&|^~])$/;

export interface Shape {
  tokens: string[];
  /** Tokens made of letters only, as words of a sentence are. */
  words: number;
  /** Of those, glue words (`the`, `is`, `of`...). */
  glue: number;
  operators: number;
  brackets: number;
  /** Identifiers with `_` or camelCase or digits, calls `f(`, indexing `a[`, member access `a.b`. */
  codeTokens: number;
  strings: number;
}

export function shapeOf(text: string): Shape {
  const tokens = text.match(TOKEN) ?? [];
  const shape: Shape = { tokens, words: 0, glue: 0, operators: 0, brackets: 0, codeTokens: 0, strings: 0 };
  tokens.forEach((token, i) => {
    const next = tokens[i + 1] ?? "";
    if (/^["']/.test(token) && token.length > 1) shape.strings++;
    else if (OPERATOR.test(token)) shape.operators++;
    else if (/^[()[\]{}]$/.test(token)) shape.brackets++;
    else if (/^[\p{L}_$]/u.test(token)) {
      const glued = /^[([]$/.test(next) && text.includes(`${token}${next}`);
      const member = next === "." && /^[\p{L}_$]/u.test(tokens[i + 2] ?? "");
      if (/[_$\d]|\p{Ll}\p{Lu}/u.test(token) || glued || member) shape.codeTokens++;
      else {
        shape.words++;
        if (GLUE.has(token.toLowerCase())) shape.glue++;
      }
    }
  });
  return shape;
}

const BIG_O = /\b[OΘΩ]\([^()]*(?:\([^()]*\))?[^()]*\)/g;

/** Big-O and other maths a tutor writes in prose: `O(n log n)`, `10^5`, `n^2`. */
function isMath(text: string): boolean {
  return /^(?:[OΘΩo]\([^()]*(?:\([^()]*\))?[^()]*\)|[\w.]+\s*\^\s*[\w.]+)$/.test(text);
}

/** Looks like a sentence: ends like one and is mostly words, with glue words among them. */
export function isSentence(text: string, shape = shapeOf(text)): boolean {
  if (!/[.?!…]["')]?$/.test(text) || shape.words < 3) return false;
  const code = shape.operators + shape.codeTokens + shape.strings;
  return shape.glue >= 1 && code <= Math.max(1, shape.words / 4);
}

const ASSIGNMENT =
  /^(?:(?:let|var|val|const|mut|local|auto|int|long|float|double|char|bool|String|my|our)\s+)*[\p{L}_$][\w$.]*(?:\[[^\]]*\])*(?:\s*:\s*[\w<>[\], ]+)?(?:\s*,\s*[\p{L}_$][\w$.]*(?:\[[^\]]*\])*)*\s*(?:[-+*/%|&^]|<<|>>|\?\?|:|\/\/|\*\*)?=(?!=)\s*(.*)$/u;

/**
 * An assignment as a statement: `x = ...`, `a, b = b, a + b`, `last[ch] += 1`, `let x: Int = 0`, `x := 1`,
 * `best <- max(best, w)`. Counted whatever words follow, unless it is a maths definition in prose
 * (`n = 10^5 is the limit`, `k = the alphabet size`: a one-letter name given a number or words).
 */
function isAssignment(text: string, spanned = false): boolean {
  const alt = /^([\p{L}_$][\w$.]*)\s*(?:<-|:=)\s*(.+)$/u.exec(text);
  const match = alt ? [text, alt[2]] : ASSIGNMENT.exec(text);
  if (!match) return false;
  const target = text.slice(0, text.length - (match[1] ?? "").length);
  const value = (match[1] ?? "").trim();
  if (value === "") return /[:=]\s*$/.test(text) && /[\w\])]\s*=$/.test(text.trim());
  const rhs = shapeOf(value);
  const first = rhs.tokens[0] ?? "";
  const single = !spanned && /^[\p{L}]\s*=/u.test(target.trim()) && target.trim().length <= 3;
  if (single && (isMath(value.split(/\s+/)[0] ?? "") || /^[\d.]+$/.test(first) || GLUE.has(first))) {
    // `n = 10^5 ...`, `k = the alphabet size`: code only with code after it.
    return rhs.codeTokens + rhs.strings > 0 || (rhs.operators > 1 && rhs.words <= 2);
  }
  return !GLUE.has(first) || rhs.codeTokens + rhs.brackets + rhs.operators > 0;
}

/** Opens or closes a block in some language: `{`, `:` after a header, `do`, `then`, `=`, `->`, `end`. */
function isBlockShape(text: string, shape: Shape): boolean {
  const signs = shape.operators + shape.brackets + shape.codeTokens + shape.strings;
  // Ends a statement or opens a block, unless it is a clause of prose that ends in a semicolon.
  if (/[{;]$/.test(text)) return !(shape.glue >= 1 && shape.words >= 3 && signs <= 1);
  if (/^[}\])]/.test(text)) return true;
  // A type signature: `longest :: String -> Int`.
  if (/^[\p{L}_][\w']*\s*::\s*\S/u.test(text)) return true;
  if (/^[\]})[({;,]+;?$/.test(text)) return true;
  const first = shape.tokens[0] ?? "";
  const starts = KEYWORDS.has(first);
  if (/\)\s*(?::|=|->.*|=>|\bdo|\bthen)$/.test(text)) return starts || shape.words <= 5;
  if (/(?:\s(?:do|then)|=|->|=>|:)$/.test(text) && starts) return true;
  return /^\(\w+[\s)]/.test(text) && /\)$/.test(text) && shape.brackets >= 4; // a Lisp form
}

/**
 * True when the text reads as code (see the module comment). Leans towards code: a false positive costs
 * one line of budget, a false negative leaks a line of a solution.
 * @example isCodeText("total += values[i];") // true
 * @example isCodeText("Think about what the loop keeps true.") // false
 */
export function isCodeText(raw: string): boolean {
  // Big-O terms inside the text are maths too: `Time: O(n^2)` has no code in it.
  const text = raw.trim().replace(BIG_O, "O");
  if (text === "" || isMath(text)) return false;
  if (/^#(?:include|define|import|pragma)\b/.test(text)) return true;
  const shape = shapeOf(text);
  if (isSentence(text, shape)) return false;
  if (isBlockShape(text, shape) || isAssignment(text)) return true;
  const first = shape.tokens[0] ?? "";
  const code = shape.operators + shape.brackets + shape.codeTokens + shape.strings;
  // A keyword and something after it (a lone `where` or `end` is a word; after code, rhythm takes it).
  const statement = shape.tokens.length >= 2 && (code > 0 || shape.words <= 3) && shape.glue <= 1;
  if (KEYWORDS.has(first) && statement) return true;
  // A call or member chain as a whole statement: `result.append(x)`, `go(best, rest)`.
  if (/^[\p{L}_$][\w$.]*(?:\(.*\)|\[.*\])(?:\.[\w$]+(?:\(.*\))?)*;?$/u.test(text) && shape.glue <= 1)
    return true;
  const nonSpace = text.replace(/\s/g, "").length;
  const symbols = shape.operators + shape.brackets;
  if (symbols >= 3 && symbols / nonSpace >= 0.12 && shape.glue <= 1) return true;
  // Mostly code-shaped tokens, few plain words, and more than names: `seen.add(c) or left`.
  const moreThanNames = shape.operators + shape.strings + shape.brackets > 0;
  return code >= 3 && code >= 2 * shape.words && shape.glue === 0 && moreThanNames;
}

/**
 * Stricter than isCodeText, for an inline code span inside prose (`spanned`) or a statement written
 * inside a sentence: it must hold a statement (an assignment, a block opener or closer, a keyword
 * statement, statements joined by `;`), not just a name or an expression the tutor talks about (`best`,
 * `last_seen[ch]`, `range(len(s))`). In backticks even `n = 1` is code; in a sentence it is maths.
 * @example isStatementText("best = max(best, width)") // true
 * @example isStatementText("range(len(s))") // false
 */
export function isStatementText(raw: string, spanned = true): boolean {
  const text = raw.trim();
  if (text === "" || isMath(text)) return false;
  const shape = shapeOf(text);
  if (shape.tokens.length < 2) return false;
  if (isBlockShape(text, shape) || isAssignment(text, spanned) || /;\s*\S/.test(text)) return true;
  const code = shape.operators + shape.brackets + shape.codeTokens + shape.strings;
  return KEYWORDS.has(shape.tokens[0] ?? "") && code > 0 && shape.glue <= 1;
}

/** True for a line that is only a comment in some language (`// ...`, `# ...`, `-- ...`, a C block comment). */
export function isCommentOnly(text: string): boolean {
  return /^(?:\/\/|\/\*|\*\/|\*\s|--\s|;;|%\s|#(?!\s*[\w.]+\s*[({=])|<!--)/.test(text.trim());
}
