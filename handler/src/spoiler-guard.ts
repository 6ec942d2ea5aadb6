/**
 * A streaming filter that keeps a full solution out of the tutor's answer (the policy is written down
 * in handler/README.md, "Spoiler policy").
 *
 * The budget is per ANSWER: at most `maxCodeLines` non-blank lines of code reach the viewer, counted
 * over every code block and bare code line (markdown-code.ts finds them; a line packing several
 * statements or over 80 characters counts as several, see codeWeight). A block is shown whole or not
 * at all: it is held until it ends, and withheld (replaced by SPOILER_NOTICE, sent at once) as soon as
 * it would take the answer over the budget. Once one block was withheld, every later block that holds
 * code is withheld too, so a solution cut into small pieces does not get through piece by piece.
 * Lines the user sent in `userCode` do not count: quoting them back tells the user nothing new.
 *
 * Prose streams: a line that starts like a sentence is released as it arrives (even before its end),
 * pausing at a `;` or `{` or when it grows longer than the budget left; any other line waits for its
 * end, and code waits for the end of its block.
 */
import { codeWeight, LINE_WIDTH } from "./code-line.js";
import { type BlockKind, type Classified, MarkdownCodeScanner } from "./markdown-code.js";

/** What the viewer sees in place of a withheld block (pinned: handler/README.md). */
export const SPOILER_NOTICE =
  "_[Code withheld: the tutor gives hints, not full solutions, so an answer shows only a few lines of code. Ask about the step you are stuck on.]_\n";

export interface SpoilerGuardOptions {
  /** The user's own code from the request: its lines do not count against the budget. */
  userCode?: string;
  notice?: string;
}

interface HeldBlock {
  kind: BlockKind;
  text: string;
  /** Blank lines after an indented or bare block's last code line: they belong to whatever follows. */
  trailingBlank: string;
  counted: number;
  withheld: boolean;
}

export class SpoilerGuard {
  private readonly scanner = new MarkdownCodeScanner();
  private readonly userLines: Set<string>;
  private readonly notice: string;
  /** The current line as received so far (released or not). */
  private line = "";
  /** The current line was judged prose before its end and streams as it comes. */
  private streaming = false;
  /** Characters of the current line already sent. */
  private released = 0;
  private block: HeldBlock | undefined;
  /** Lines of budget the code shown so far used. */
  private shown = 0;
  private tripped = false;

  constructor(
    private readonly maxCodeLines: number,
    options: SpoilerGuardOptions = {},
  ) {
    this.notice = options.notice ?? SPOILER_NOTICE;
    this.userLines = new Set((options.userCode ?? "").split(/\r?\n/).map(normalize).filter(Boolean));
  }

  /** Feeds one piece; returns the text that may be shown now (possibly ""). */
  push(piece: string): string {
    let out = "";
    let rest = piece;
    while (rest.length > 0) {
      const nl = rest.indexOf("\n");
      const part = nl >= 0 ? rest.slice(0, nl + 1) : rest;
      rest = rest.slice(part.length);
      this.line += part;
      if (!this.streaming && this.released === 0 && nl < 0 && this.mayStream()) this.streaming = true;
      if (this.streaming) out += this.streamMore();
      if (nl >= 0) out += this.endLine();
    }
    return out;
  }

  /** Ends the answer: judges the last line and any open block on what arrived. */
  flush(): string {
    const out = this.line ? this.endLine() : "";
    return out + this.finishBlock();
  }

  /**
   * Only while the budget has room: a line streamed early that turns out to be code then still fits,
   * and after a withheld block every line waits for its end.
   */
  private mayStream(): boolean {
    return (
      !this.tripped &&
      this.shown < this.maxCodeLines &&
      this.block === undefined &&
      // The decision rests on the line's start; a bounded prefix keeps a long line linear.
      this.scanner.streamsAsProse(this.line.slice(0, 256))
    );
  }

  /**
   * Releases more of a line that streams early, up to the first `;` or `{` (statement separators, rare
   * in prose) and at most as many characters as the remaining budget's lines hold; there the line
   * pauses until its end, so what went out early can never weigh more than the budget left.
   */
  private streamMore(): string {
    const limit = LINE_WIDTH * (this.maxCodeLines - this.shown);
    const pending = this.line.slice(this.released, limit);
    const stop = pending.search(/[;{]/);
    let safe = stop >= 0 ? pending.slice(0, stop) : pending;
    if (stop >= 0 || this.line.length > limit) {
      this.streaming = false;
      // Never end a chunk on half of a surrogate pair.
      if (/[\uD800-\uDBFF]$/.test(safe)) safe = safe.slice(0, -1);
    }
    this.released += safe.length;
    return safe;
  }

  private endLine(): string {
    const line = this.line;
    const released = this.released;
    this.line = "";
    this.released = 0;
    this.streaming = false;
    return this.onLine(line, this.scanner.classify(line), released);
  }

  /** `released`: how much of the line already went out as prose (0: none). */
  private onLine(line: string, { endsBlock, event }: Classified, released: number): string {
    let out = endsBlock ? this.finishBlock() : "";
    switch (event.type) {
      case "prose":
        return out + this.finishBlock() + line.slice(released);
      case "open":
        out += this.finishBlock();
        this.block = newBlock(event.kind);
        return out + this.add(line, event.content, released);
      case "code":
        if (this.block?.kind !== event.kind) {
          out += this.finishBlock();
          this.block = newBlock(event.kind);
        }
        return out + this.add(line, event.content, released);
      case "close":
        out += this.add(line, event.content, released);
        return out + this.finishBlock();
    }
  }

  private add(line: string, content: string, released: number): string {
    const block = this.block as HeldBlock;
    const blank = content.trim() === "";
    const weight = blank || this.userLines.has(normalize(content)) ? 0 : codeWeight(content);
    if (released > 0) {
      // Part of it streamed as prose before its end made it code: the rest goes out only if the
      // whole line fits the budget, and the line counts.
      if (this.tripped || this.shown + weight > this.maxCodeLines) {
        this.tripped = true;
        block.withheld = true;
        return `\n${this.notice}`;
      }
      this.shown += weight;
      return line.slice(released);
    }
    const implicit = block.kind === "bare" || block.kind === "indented";
    if (blank && implicit) {
      block.trailingBlank += line;
      return "";
    }
    if (block.withheld) {
      block.trailingBlank = "";
      return "";
    }
    block.text += block.trailingBlank + line;
    block.trailingBlank = "";
    block.counted += weight;
    if (block.counted > 0 && (this.tripped || this.shown + block.counted > this.maxCodeLines)) {
      // Decided: drop what is held and say so now rather than when the block ends.
      block.withheld = true;
      block.text = "";
      this.tripped = true;
      return this.notice;
    }
    return "";
  }

  private finishBlock(): string {
    const block = this.block;
    this.block = undefined;
    if (!block) return "";
    if (block.withheld) return block.trailingBlank;
    this.shown += block.counted;
    return block.text + block.trailingBlank;
  }
}

function newBlock(kind: BlockKind): HeldBlock {
  return { kind, text: "", trailingBlank: "", counted: 0, withheld: false };
}

/** Lines compare without their indentation and with runs of spaces collapsed. */
function normalize(line: string): string {
  return line.trim().replace(/\s+/g, " ");
}
