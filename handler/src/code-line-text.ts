/**
 * What a line of Markdown text shows once rendered, split into the parts code can hide in: inline code
 * spans, table cells, the text after a label (`Line 3: ...`, `Step 2 - ...`) and the code before a
 * trailing comment (`best = w  # keep the widest window.`). Inline syntax that renders as plain text
 * (backslash escapes, character references, emphasis markers, link brackets) is undone first, so
 * `&#96;` or `\`` reads as the backtick it shows.
 */

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Character references and backslash escapes as the characters they render (CommonMark 2.4, 2.5). */
export function unescapeInline(text: string): string {
  return text
    .replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(\w+));/g, (whole, dec, hex, name) => {
      const code = dec ? Number(dec) : hex ? Number.parseInt(hex, 16) : undefined;
      if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\uFFFD";
      return NAMED[(name as string).toLowerCase()] ?? whole;
    })
    .replace(/\\([!-/:-@[-`{-~])/g, "$1");
}

/** Emphasis markers and link brackets dropped; inline code spans kept as they are. */
export function plainInline(text: string): string {
  return text
    .replace(/\*\*|__/g, "")
    .replace(/(^|[\s(])([*_])(?=\S)([^*_]*?\S)\2(?=[\s.,;:!?)]|$)/g, "$1$3")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<((?:https?|mailto):[^>\s]*)>/g, "$1");
}

export interface Span {
  /** The content of an inline code span (CommonMark 6.1: a run of backticks closed by one as long). */
  content: string;
  start: number;
  end: number;
}

/** The inline code spans of a line. */
export function codeSpans(text: string): Span[] {
  const spans: Span[] = [];
  const open = /`+/g;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    const run = m[0];
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, "g");
    close.lastIndex = m.index + run.length;
    const found = close.exec(text);
    if (!found) continue;
    spans.push({
      content: text.slice(m.index + run.length, found.index),
      start: m.index,
      end: close.lastIndex,
    });
    open.lastIndex = close.lastIndex;
  }
  return spans;
}

/** The text with its code spans replaced by a placeholder word, so what is around them can be judged. */
export function withoutSpans(text: string, spans: Span[]): string {
  let out = "";
  let at = 0;
  for (const span of spans) {
    out += `${text.slice(at, span.start)}code`;
    at = span.end;
  }
  return out + text.slice(at);
}

/** Cells of a table row (`| a | b |`, or `a | b` with spaces around the bars), or undefined. */
export function tableCells(text: string): string[] | undefined {
  const framed = /^\|(.*)\|$/.exec(text);
  const inner = framed ? (framed[1] ?? "") : text;
  // Bars inside code spans (`a || b`) do not split cells: cut only where no span is open.
  const cells: string[] = [];
  let cell = "";
  let span = "";
  for (let i = 0; i < inner.length; i++) {
    const ticks = /^`+/.exec(inner.slice(i))?.[0];
    if (ticks) {
      span = span === "" ? ticks : span === ticks ? "" : span;
      cell += ticks;
      i += ticks.length - 1;
    } else if (span === "" && (framed ? inner[i] === "|" : inner.startsWith(" | ", i))) {
      cells.push(cell);
      cell = "";
      if (!framed) i += 2;
    } else cell += inner[i];
  }
  cells.push(cell);
  if (cells.length < 2) return undefined;
  return cells.map((c) => c.trim()).filter((c) => !/^:?-+:?$/.test(c));
}

/**
 * The parts of a line around its labels and separators: `Line 3: x`, `Step 2 - x`, `3) x`, `Hint: x`,
 * and the code before a colon that ends a header (`for x in xs: go on`). Both sides of each separator.
 */
export function labelParts(text: string): string[] {
  const parts: string[] = [];
  const separator = /:\s+|\s[-–—]\s+|^(?:[\p{L}\p{N}]+[ \t]?){1,4}\)\s+/gu;
  for (let m = separator.exec(text); m && parts.length < 6; m = separator.exec(text)) {
    const before = text.slice(0, m.index + (m[0].startsWith(":") ? 1 : 0)).trim();
    const after = text.slice(m.index + m[0].length).trim();
    if (before) parts.push(before);
    if (after) parts.push(after);
  }
  return parts;
}

/**
 * Statements written inside a sentence, without backticks: `Then best = width happens here.` The
 * text from each assignment-shaped spot to the end of the line (isCodeText decides on it).
 */
export function embeddedStatements(text: string): string[] {
  const spots = /(?:^|[\s(,;])([\p{L}_$][\w$.]*(?:\[[^\]]*\])*\s*(?:[-+*/%]|\/\/|\*\*)?=(?!=)\s*\S.*)$/gu;
  const found: string[] = [];
  for (let m = spots.exec(text); m && found.length < 4; m = spots.exec(text)) {
    found.push(m[1] as string);
    spots.lastIndex = m.index + 1;
  }
  return found;
}

/**
 * The code before a trailing comment, when the line has one: `x = 1  # set x.`, `x = 1; // note`,
 * `return best -- done`, `(inc x) ; add one`. Undefined when there is none or nothing before it.
 */
export function beforeComment(text: string): string | undefined {
  const comment = /\s(?:#|\/\/|--|;{1,2}|%)\s|\s?\/\*.*\*\/\s*$/.exec(text);
  if (!comment || comment.index === 0) return undefined;
  const code = text.slice(0, comment.index).trim();
  return code === "" ? undefined : code;
}
