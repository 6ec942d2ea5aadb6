/**
 * What the viewer receives is the answer in one canonical form, and the spoiler guard judges exactly
 * that form: the page then parses the very text the guard parsed (handler/README.md, "One view").
 *
 * - Every line end the eye sees as one becomes `\n`: CRLF and a lone CR (both CommonMark line endings),
 *   U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (mandatory breaks in Unicode's line breaking
 *   algorithm, UAX #14, that Markdown does not treat as line ends) and U+0085 NEXT LINE.
 * - Format characters (Unicode category Cf: zero-width spaces and joiners, bidi controls, soft hyphens,
 *   the byte order mark...) are dropped: they render as nothing, yet they split a fence (a zero-width
 *   space between backticks) or a keyword for a parser. Kept are the joiners that draw emoji: U+200D
 *   between two pictographs, and the tag characters after U+1F3F4 WAVING BLACK FLAG (subdivision flags).
 *
 * Streaming: a CR or a format character at the end of a piece waits for the next character.
 */

const LINE_END = /\r\n?|[\u2028\u2029\u0085]/g;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const TAG = /[\u{E0020}-\u{E007F}]/u;

/** Whether a format character is part of an emoji sequence, given its neighbours. */
function keepsFormat(char: string, before: string, after: string): boolean {
  if (char === "\u200D") return PICTOGRAPH.test(before) && PICTOGRAPH.test(after);
  if (TAG.test(char)) return before === "\u{1F3F4}" || TAG.test(before);
  return false;
}

/** Drops the format characters of a complete text (see keepsFormat for the ones kept). */
function dropFormat(text: string): string {
  if (!/\p{Cf}/u.test(text)) return text;
  const chars = Array.from(text);
  let out = "";
  let before = "";
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    if (/\p{Cf}/u.test(char)) {
      // What precedes a dropped character is still what precedes the next one.
      if (keepsFormat(char, before, chars[i + 1] ?? "")) out += char;
      else continue;
    } else out += char;
    // A variation selector or skin tone after a pictograph still continues it.
    if (!/[\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}]/u.test(char)) before = char;
  }
  return out;
}

/**
 * The canonical form of a whole text.
 * @example normalizeAnswer("a\r\nb\u2028c\u200Bd") // "a\nb\ncd"
 */
export function normalizeAnswer(text: string): string {
  return dropFormat(text.replace(LINE_END, "\n"));
}

/**
 * The same, piece by piece: `push` returns the canonical form of what can be decided so far, `flush`
 * the rest. The concatenation equals `normalizeAnswer` of the whole, however the text was cut.
 */
export class AnswerNormalizer {
  private held = "";
  /** The last character released, which a held format character after it may join. */
  private last = "";

  push(piece: string): string {
    const text = this.held + piece;
    // Hold back a CR (it may be half of a CRLF) and trailing format characters with what they follow.
    const cut = holdFrom(text);
    this.held = text.slice(cut);
    return this.release(text.slice(0, cut));
  }

  flush(): string {
    const rest = this.held;
    this.held = "";
    return this.release(rest);
  }

  private release(text: string): string {
    if (text === "") return "";
    // The last released character goes in front so a joiner at the start sees what it follows.
    const out = normalizeAnswer(this.last + text).slice(normalizeAnswer(this.last).length);
    const chars = Array.from(text);
    this.last = chars[chars.length - 1] ?? "";
    return out;
  }
}

/** Where the undecidable tail of `text` starts: a final CR, or final format characters plus one before. */
function holdFrom(text: string): number {
  let end = text.length;
  if (text.endsWith("\r")) end--;
  // A high surrogate at the end waits for its other half.
  if (/[\uD800-\uDBFF]$/.test(text.slice(0, end))) end--;
  const head = text.slice(0, end);
  const tail = /(?:\p{Cf})+$/u.exec(head);
  if (!tail) return end;
  // Keep the character before the run too: it decides whether a joiner joins.
  const before = Array.from(head.slice(0, tail.index)).pop() ?? "";
  return tail.index - before.length;
}
