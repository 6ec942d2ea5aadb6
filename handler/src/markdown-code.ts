/**
 * Finds code in a Markdown answer, one complete line at a time (CommonMark 0.31 where it matters:
 * fenced code blocks 4.5, indented code blocks 4.4, HTML blocks 4.6, block quotes 5.1, list items 5.2).
 * It tells the spoiler guard, for each line, whether the line is prose, opens or closes a code block,
 * or is a line of code, and strips container prefixes so the guard can compare code with the user's.
 *
 * Code is found in four shapes:
 * - fenced blocks (``` or ~~~, three or more; closed only by a fence of the same character at least as
 *   long as the opening one; an unclosed fence runs to the end of its container or of the answer);
 * - indented blocks (4 columns or a tab beyond the container, not continuing a paragraph);
 * - HTML `<pre>` / `<code>` spanning lines (counted whatever the renderer does with HTML);
 * - bare code lines anywhere else (code-line.ts), including lazy paragraph lines indented like code.
 */
import { isCodeLine, startsAsProse } from "./code-line.js";

export type BlockKind = "fenced" | "html" | "indented" | "bare";

export type LineEvent =
  /** Not code. */
  | { type: "prose" }
  /** Opens a block that lasts until its own closing line (a fence or an HTML tag). */
  | { type: "open"; kind: "fenced" | "html"; content: string }
  /** A line of code: inside an open block, or a block of its own kind that ends at the next other line. */
  | { type: "code"; kind: BlockKind; content: string }
  /** Closes the open fenced or HTML block. */
  | { type: "close"; content: string };

export interface Classified {
  /** The open fenced or HTML block ended before this line (its container ended: CommonMark 5.1, 5.2). */
  endsBlock: boolean;
  event: LineEvent;
}

interface Fence {
  char: string;
  length: number;
  quoteDepth: number;
  /** Column of the list item's content the fence sits in (0 at top level). */
  indent: number;
}

interface Html {
  closer: RegExp;
  quoteDepth: number;
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const LIST_ITEM = /^( {0,3})([-+*]|\d{1,9}[.)])( {1,4}(?=\S)|$)/;
const HTML_OPEN = /<(pre|code)(?:\s[^>]*)?>/i;

export class MarkdownCodeScanner {
  private fence: Fence | undefined;
  private html: Html | undefined;
  /** Content columns of the open list items, outermost first. */
  private lists: number[] = [];
  /** The previous line was paragraph text (an indented line then continues it: CommonMark 4.4). */
  private paragraph = false;
  /** The implicit block (indented or bare) the previous code line belonged to. */
  private implicit: "indented" | "bare" | undefined;

  /** True while a fenced or HTML block is open: its lines are code until its closing line. */
  get inExplicitBlock(): boolean {
    return this.fence !== undefined || this.html !== undefined;
  }

  /** Classifies one complete line (with or without its line ending). */
  classify(rawLine: string): Classified {
    const line = rawLine.replace(/\r?\n$/, "");
    const { depth, rest } = stripQuotes(line);
    let endsBlock = false;
    if (this.fence) {
      const inside = this.insideFence(this.fence, depth, rest);
      if (inside) return { endsBlock, event: inside };
      this.fence = undefined;
      endsBlock = true;
    }
    if (this.html) {
      if (depth >= this.html.quoteDepth) return { endsBlock, event: this.insideHtml(this.html, rest) };
      this.html = undefined;
      endsBlock = true;
    }
    return { endsBlock, event: this.outside(depth, rest) };
  }

  /**
   * Whether a line that has not ended yet may already stream as prose: not inside a block, not right
   * after a line of code (it may continue a bare or indented block), and starting like a sentence.
   */
  streamsAsProse(partial: string): boolean {
    if (this.inExplicitBlock || this.implicit) return false;
    const expanded = expandTabs(stripQuotes(partial).rest);
    const column = this.lists.at(-1) ?? 0;
    const text = leadingSpaces(expanded) >= column ? expanded.slice(column) : expanded.trimStart();
    const item = LIST_ITEM.exec(text);
    return startsAsProse(item ? text.slice(item[0].length) : text);
  }

  private insideFence(fence: Fence, depth: number, rest: string): LineEvent | undefined {
    if (depth < fence.quoteDepth) return undefined;
    const expanded = expandTabs(rest);
    if (expanded.trim() !== "" && leadingSpaces(expanded) < fence.indent) {
      // A non-blank line left of the list item's content ends the item, and the fence with it.
      this.lists = this.lists.filter((col) => col <= leadingSpaces(expanded));
      return undefined;
    }
    const content = expanded.slice(Math.min(fence.indent, leadingSpaces(expanded)));
    const closer = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(content)?.[1];
    // CommonMark 4.5: same character, at least as long as the opening fence.
    if (closer && closer[0] === fence.char && closer.length >= fence.length) {
      this.fence = undefined;
      this.paragraph = false;
      return { type: "close", content: "" };
    }
    return { type: "code", kind: "fenced", content };
  }

  private insideHtml(html: Html, rest: string): LineEvent {
    const close = html.closer.exec(rest);
    if (!close) return { type: "code", kind: "html", content: stripTags(rest) };
    this.html = undefined;
    this.paragraph = false;
    return { type: "close", content: stripTags(rest.slice(0, close.index)) };
  }

  private outside(depth: number, rest: string): LineEvent {
    const expanded = expandTabs(rest);
    if (expanded.trim() === "") {
      this.paragraph = false;
      return this.implicit ? { type: "code", kind: this.implicit, content: "" } : { type: "prose" };
    }
    const event = this.outsideText(depth, expanded);
    this.implicit =
      event.type === "code" && event.kind !== "fenced" && event.kind !== "html" ? event.kind : undefined;
    return event;
  }

  private outsideText(depth: number, expanded: string): LineEvent {
    const indent = leadingSpaces(expanded);
    const lazy = this.paragraph && !startsBlock(expanded.trimStart());
    if (!lazy) {
      while (this.lists.length > 0 && indent < (this.lists.at(-1) ?? 0)) this.lists.pop();
    }
    const column = this.lists.at(-1) ?? 0;
    let text = indent >= column ? expanded.slice(column) : expanded.trimStart();
    const item = lazy ? null : LIST_ITEM.exec(text);
    let itemColumn = column;
    if (item) {
      itemColumn = column + item[0].length;
      this.lists.push(itemColumn);
      text = text.slice(item[0].length);
      this.paragraph = false;
    }

    // A fence may interrupt a paragraph (CommonMark 4.5); an indented block may not (4.4).
    const fence = FENCE_OPEN.exec(text);
    if (fence?.[2] && !(fence[2][0] === "`" && (fence[3] ?? "").includes("`"))) {
      this.fence = {
        char: fence[2][0] ?? "`",
        length: fence[2].length,
        quoteDepth: depth,
        indent: itemColumn,
      };
      this.paragraph = false;
      return { type: "open", kind: "fenced", content: "" };
    }
    if (!this.paragraph && leadingSpaces(text) >= 4) {
      return { type: "code", kind: "indented", content: text.slice(4) };
    }
    // A tag inside an inline code span (`<pre>`) is text, not HTML (CommonMark 6.1).
    const html = HTML_OPEN.exec(text.replace(/(`+)[^`]*?\1/g, ""));
    if (html) {
      const tag = (html[1] ?? "pre").toLowerCase();
      const closer = new RegExp(`</${tag}\\s*>`, "i");
      const after = text.slice(text.indexOf(html[0]) + html[0].length);
      if (!closer.test(after)) {
        this.html = { closer, quoteDepth: depth };
        this.paragraph = false;
        return { type: "open", kind: "html", content: stripTags(after) };
      }
    }
    const plain = stripTags(text);
    this.paragraph = !/^#{1,6}(\s|$)/.test(plain.trim());
    return isCodeLine(plain) ? { type: "code", kind: "bare", content: plain.trim() } : { type: "prose" };
  }
}

/** Removes block quote markers (CommonMark 5.1: `>` after up to 3 spaces, one optional space). */
function stripQuotes(line: string): { depth: number; rest: string } {
  let rest = line;
  let depth = 0;
  for (let m = /^ {0,3}> ?/.exec(rest); m; m = /^ {0,3}> ?/.exec(rest)) {
    rest = rest.slice(m[0].length);
    depth++;
  }
  return { depth, rest };
}

/** Leading tabs become spaces to the next multiple of 4 (CommonMark 2.2). */
function expandTabs(text: string): string {
  const lead = /^[ \t]*/.exec(text)?.[0] ?? "";
  let column = 0;
  for (const c of lead) column = c === "\t" ? column + 4 - (column % 4) : column + 1;
  return " ".repeat(column) + text.slice(lead.length);
}

function leadingSpaces(text: string): number {
  return /^ */.exec(text)?.[0].length ?? 0;
}

/** Starts of blocks that interrupt a paragraph (so the line is not a lazy continuation). */
function startsBlock(text: string): boolean {
  return /^(`{3,}|~{3,}|[-+*] |\d{1,9}[.)] |#{1,6}(\s|$)|<(pre|code)\b)/i.test(text);
}

function stripTags(text: string): string {
  return text.replace(/<\/?(pre|code)(?:\s[^>]*)?>/gi, "");
}
