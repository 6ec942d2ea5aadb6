/**
 * Where the code of a Markdown answer is, as the page sees it: the answer is parsed with
 * `mdast-util-from-markdown`, the very parser the page's `react-markdown` uses (through remark-parse),
 * so what the page draws in a monospace `<pre>` block (a `code` node: fenced or indented) is what the
 * guard counts. HTML blocks are counted too (the page drops raw HTML; other clients may not).
 *
 * The answer arrives line by line. The role of a line (inside a code block, or text) depends only on
 * the lines up to it (CommonMark's block structure is decided line by line), so each complete line is
 * decided once, when it has been parsed. Parsing starts again at the last top-level block: the blocks
 * before it are closed and cannot change. Inside one long top-level block (a long list), the text is
 * parsed again only once it has grown by a quarter, so the work stays linear in the answer's length.
 */
import type { Html, Code as MdCode, Nodes, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { markdownTree } from "./markdown-code-tree.js";

export type LineRole =
  | { type: "blank" }
  /**
   * Text the page renders (a paragraph, heading, table row...): `text` without container markers,
   * `prefix` those markers. `paragraph`: the line belongs to a paragraph (a line after it may continue
   * it); `opensItem`: its markers start a list item.
   */
  | { type: "text"; text: string; prefix: string; paragraph: boolean; opensItem: boolean }
  /**
   * A line of a code or HTML block (`block`: the block's start in the answer). `content` is what the
   * page shows on that line; undefined for a fence line. `prefix`: the container markers before the block.
   */
  | {
      type: "code";
      block: number;
      kind: "fenced" | "indented" | "html";
      content?: string;
      prefix: string;
      /** A fenced block's opening or closing fence line. */
      fence?: "open" | "close";
      /** An HTML block that holds a monospace element (`<pre>`, `<code>`...): every line of it is code. */
      monospace?: boolean;
    };

export interface Decided {
  /** Roles of the lines decided now, in order (those not yet decided come in a later call). */
  roles: LineRole[];
  /** The text of the unfinished line when it is (the start of) text the page renders. */
  partialText?: string;
  /** The role the unfinished line has as far as it goes. */
  partialRole?: LineRole;
}

/** Segments up to this size are parsed at every call; longer ones once grown by a quarter. */
const SMALL_SEGMENT = 2048;

export class MarkdownLines {
  /** Complete lines of the current segment (from the last top-level block that may still grow). */
  private lines: string[] = [];
  private segmentChars = 0;
  /** Offset of the segment in the whole answer. */
  private offset = 0;
  /** Lines of the segment already decided. */
  private decided = 0;
  private parsedChars = -1;

  addLine(line: string): void {
    this.lines.push(line);
    this.segmentChars += line.length + 1;
  }

  /** Whether every complete line has been decided. */
  get settled(): boolean {
    return this.decided === this.lines.length;
  }

  /**
   * Decides the complete lines not decided yet and, when given, whether the unfinished line is text.
   * Without `force`, a long segment is parsed only once it has grown enough (see the module comment).
   */
  decide(partial: string | undefined, force = false): Decided {
    const size = this.segmentChars + (partial?.length ?? 0);
    const due = size <= SMALL_SEGMENT || (size - this.parsedChars) * 4 >= size;
    if (!force && !due) return { roles: [] };
    this.parsedChars = size;
    const text = this.lines.map((line) => `${line}\n`).join("") + (partial ?? "");
    const tree = fromMarkdown(text);
    const roles = markdownTree(tree, this.lines.length + (partial ? 1 : 0), text, this.offset);
    const decided = roles.slice(this.decided, this.lines.length);
    this.decided = this.lines.length;
    const last = partial ? roles[this.lines.length] : undefined;
    this.restart(tree);
    return { roles: decided, partialText: last?.type === "text" ? last.text : undefined, partialRole: last };
  }

  /**
   * Drops the lines before the last top-level block that starts at a complete line and where a parse
   * can start afresh (freshAfter).
   */
  private restart(tree: Root): void {
    let keepFrom = 0;
    tree.children.forEach((child, i) => {
      const line = (child.position?.start.line ?? 1) - 1;
      if (i > 0 && line < this.lines.length && freshAfter(tree.children[i - 1], line, this.lines))
        keepFrom = line;
    });
    const dropped = this.lines.splice(0, keepFrom);
    const chars = dropped.reduce((sum, line) => sum + line.length + 1, 0);
    this.offset += chars;
    this.segmentChars -= chars;
    this.decided -= keepFrom;
    this.parsedChars -= chars;
  }
}

/**
 * Whether a parse may start afresh at `line`, the first line of the top-level block after `block`:
 * whether parsing from there alone gives the lines from there on the roles one parse of the whole
 * gives them. micromark carries state from one block to the next in places, so only boundaries seen
 * to be clean qualify (checked against one parse of the whole: markdown-code.test.ts): after a heading,
 * a thematic break, an HTML block or a fenced code block; after a paragraph, a block quote or a link
 * reference definition only past a blank line. Never after a list or an indented code block (after
 * one, even past blank lines, micromark does not start a list that does not begin with 1, and splits
 * or joins what follows differently).
 */
function freshAfter(block: RootContent | undefined, line: number, lines: string[]): boolean {
  const blank = /^[ \t]*$/.test(lines[line - 1] ?? "x");
  switch (block?.type) {
    case "heading":
    case "thematicBreak":
    case "html":
      return true;
    case "paragraph":
    case "blockquote":
    case "definition":
      return blank;
    case "code":
      // Fenced, not indented: its first line is a fence indented less than 4 columns.
      return /^ {0,3}(`{3,}|~{3,})/.test(lines[(block.position?.start.line ?? 1) - 1] ?? "");
    default:
      return false;
  }
}

export type { Html, MdCode, Nodes };
