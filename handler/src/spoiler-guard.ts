/**
 * A streaming filter that keeps a full solution out of the tutor's answer (the policy is written down
 * in handler/README.md, "Spoiler policy").
 *
 * One view: the answer is first put in the canonical form the viewer receives (spoiler-normalize.ts),
 * and code is found in it with the page's own Markdown parser (markdown-code.ts), plus the text lines
 * that read as code (code-line-context.ts).
 *
 * The budget spans the CONVERSATION: at most `maxCodeLines` lines of code, counted over the model's
 * turns in `history` (spoiler-history.ts) and this answer. A block is shown whole or not at all: it is
 * held until it ends, and withheld (replaced by SPOILER_NOTICE, sent at once) as soon as it would take
 * the count over the budget. Once one block was withheld, every later block that holds code is withheld
 * too. A block that quotes the user's `userCode` costs nothing (spoiler-quote.ts).
 *
 * Prose streams: a line that starts like a sentence is released as it arrives (even before its end),
 * pausing at a `;` or `{` or when it grows longer than the budget left; any other line waits for its
 * end, and code waits for the end of its block.
 */
import { LINE_WIDTH, startsAsProse } from "./code-line.js";
import { BareLineJudge } from "./code-line-context.js";
import { type LineRole, MarkdownLines } from "./markdown-code.js";
import { lineWeight, roughText } from "./spoiler-line.js";
import { AnswerNormalizer } from "./spoiler-normalize.js";
import { OutputView } from "./spoiler-output.js";
import { type QuoteTracker, UserCode } from "./spoiler-quote.js";

/** What the viewer sees in place of a withheld block (pinned: handler/README.md). */
export const SPOILER_NOTICE =
  "_[Code withheld: the tutor gives hints, not full solutions, so an answer shows only a few lines of code. Ask about the step you are stuck on.]_\n";

export interface SpoilerGuardOptions {
  /** The user's own code from the request: a block quoting it costs nothing. */
  userCode?: string;
  /** Lines of budget the conversation already used (spoiler-history.ts). */
  alreadyShown?: number;
  notice?: string;
}

interface HeldBlock {
  /** The code block's start in the answer, or "bare" for consecutive text lines that read as code. */
  id: number | "bare";
  implicit: boolean;
  /** Container markers of its first line: the notice takes its place inside the same list or quote. */
  prefix: string;
  text: string;
  /** Blank lines after an implicit block's last line: they belong to whatever follows. */
  trailingBlank: string;
  counted: number;
  quote: QuoteTracker;
  withheld: boolean;
  /** The notice was sent in its place. */
  noticed: boolean;
  /** Its last line was paragraph text, so a line after it may continue that paragraph. */
  endsInParagraph: boolean;
}

interface QueuedLine {
  raw: string;
  /** How much of the line already went out as prose before its end. */
  released: number;
}

export class SpoilerGuard {
  private readonly normalizer = new AnswerNormalizer();
  private readonly lines = new MarkdownLines();
  private readonly judge: BareLineJudge;
  private readonly user: UserCode;
  private readonly notice: string;
  /** The budget left for this answer. */
  private readonly budget: number;
  private queue: QueuedLine[] = [];
  /** The current (unfinished) line as received so far. */
  private line = "";
  private streaming = false;
  private released = 0;
  private block: HeldBlock | undefined;
  /** What the viewer got, until the first block is withheld; from there on, the page's view of it. */
  private sent = "";
  private view: OutputView | undefined;
  /** Lines of budget the code shown so far in this answer used. */
  private shownLines = 0;
  private tripped = false;

  constructor(maxCodeLines: number, options: SpoilerGuardOptions = {}) {
    this.notice = options.notice ?? SPOILER_NOTICE;
    this.judge = new BareLineJudge(this.notice.trim());
    this.user = new UserCode(options.userCode);
    this.budget = maxCodeLines - (options.alreadyShown ?? 0);
  }

  /** Lines of budget the code shown in this answer used. */
  get shown(): number {
    return this.shownLines;
  }

  /** Feeds one piece; returns the text that may be shown now (possibly ""). */
  push(piece: string): string {
    let out = "";
    let rest = this.normalizer.push(piece);
    let ended = false;
    while (rest.length > 0) {
      const nl = rest.indexOf("\n");
      const part = nl >= 0 ? rest.slice(0, nl + 1) : rest;
      rest = rest.slice(part.length);
      this.line += part;
      if (this.streaming) out += this.emit(this.streamMore());
      if (nl >= 0) {
        this.endLine();
        ended = true;
      }
    }
    // One parse for the lines that ended and, when it may stream early, the line under way.
    const early = this.line !== "" && !this.streaming && this.released === 0 && this.mayStream(true);
    if (ended || early) {
      const { roles, partialText } = this.lines.decide(early ? this.line : undefined);
      out += this.process(roles);
      if (early && partialText !== undefined && this.mayStream() && startsAsProse(partialText)) {
        this.streaming = true;
        out += this.emit(this.streamMore());
      }
    }
    return out;
  }

  /** Ends the answer: judges the last line and any open block on what arrived. */
  flush(): string {
    let out = this.push(this.normalizer.flush());
    this.streaming = false;
    if (this.line !== "") this.endLine();
    out += this.process(this.lines.decide(undefined, true).roles);
    return out + this.finishBlock();
  }

  private endLine(): void {
    this.queue.push({ raw: this.line, released: this.released });
    this.lines.addLine(this.line.replace(/\n$/, ""));
    this.line = "";
    this.released = 0;
    this.streaming = false;
  }

  private process(roles: LineRole[]): string {
    let out = "";
    for (const role of roles) {
      const queued = this.queue.shift();
      if (queued) out += this.onLine(queued, role);
    }
    return out;
  }

  /**
   * Only while the budget has room and nothing is held or undecided: a line streamed early that turns
   * out to be code then still fits, and after a withheld block every line waits for its end.
   */
  private mayStream(beforeParse = false): boolean {
    return (
      !this.tripped &&
      this.shownLines < this.budget &&
      (beforeParse || (this.block === undefined && this.queue.length === 0 && this.lines.settled)) &&
      // A cheap first look before the line is parsed; the decision rests on its start (bounded prefix).
      startsAsProse(roughText(this.line.slice(0, 256)))
    );
  }

  /**
   * Releases more of a line that streams early, up to the first `;` or `{` (statement separators, rare
   * in prose) and at most as many characters as the remaining budget's lines hold; there the line
   * pauses until its end, so what went out early can never weigh more than the budget left.
   */
  private streamMore(): string {
    const limit = LINE_WIDTH * (this.budget - this.shownLines);
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

  private onLine({ raw, released }: QueuedLine, role: LineRole): string {
    if (role.type === "blank") {
      // A blank line stays with an open block (inside a fence, or between the parts of an implicit one).
      if (this.block?.implicit) this.block.trailingBlank += raw;
      else if (this.block && !this.block.withheld) this.block.text += raw;
      return this.block ? "" : this.emit(raw.slice(released));
    }
    if (role.type === "text") {
      const judged = this.judge.judge(role.text, /^[ \t]*$/.test(role.prefix) ? role.prefix.length : 0);
      if (!judged.code) {
        const out = this.finishBlock();
        return out + this.emit(raw.slice(released));
      }
      // A new list item or block quote starts a new block: the line that opens a container must not go
      // without the lines after it, which would then parse as something else.
      const same =
        this.block?.id === "bare" &&
        !role.opensItem &&
        this.block.prefix.split(">").length === role.prefix.split(">").length;
      const out = same ? "" : this.finishBlock();
      this.block ??= this.newBlock("bare", role.prefix);
      const weight = judged.neutral ? 0 : judged.weight;
      return out + this.add(raw, role.text, weight, released, role.paragraph);
    }
    this.judge.reset();
    const out = this.block?.id === role.block ? "" : this.finishBlock();
    this.block ??= this.newBlock(role.block, role.prefix, role.kind === "indented");
    const content = role.fence ? "" : (role.content ?? "");
    const added = this.add(raw, content, lineWeight(role), released, false);
    return out + added + (role.fence === "close" ? this.finishBlock() : "");
  }

  private newBlock(id: number | "bare", prefix: string, indented = false): HeldBlock {
    const implicit = id === "bare" || indented;
    return {
      id,
      implicit,
      prefix,
      text: "",
      trailingBlank: "",
      counted: 0,
      quote: this.user.quote(),
      withheld: false,
      noticed: false,
      endsInParagraph: false,
    };
  }

  private add(raw: string, content: string, weight: number, released: number, paragraph: boolean): string {
    const block = this.block as HeldBlock;
    if (content.trim() !== "" || !block.implicit) block.endsInParagraph = paragraph;
    if (released > 0) {
      // Part of it streamed as prose before its end made it code: the rest goes out only if the
      // whole line fits the budget, and the line counts.
      if (this.tripped || this.shownLines + weight > this.budget) {
        this.trip();
        block.withheld = true;
        block.noticed = true;
        return this.emit(`\n${this.notice}`);
      }
      this.shownLines += weight;
      return this.emit(raw.slice(released));
    }
    if (block.withheld) block.trailingBlank = "";
    else block.text += block.trailingBlank + raw;
    block.trailingBlank = "";
    if (content.trim() !== "") block.quote.add(content);
    block.counted += weight;
    const cost = block.quote.isQuote ? 0 : block.counted;
    // After the first withheld block no code goes out at all (a block's place in the text the page
    // parses may have moved): a later block is withheld from its first line, the notice sent once it
    // holds code that counts.
    if (this.tripped && !block.withheld) {
      block.withheld = true;
      block.text = "";
    }
    if (cost > 0 && !block.noticed && (this.tripped || this.shownLines + cost > this.budget)) {
      // Decided: drop what is held and say so now rather than when the block ends.
      block.withheld = true;
      block.noticed = true;
      block.text = "";
      this.trip();
      return this.emit(block.prefix + this.notice);
    }
    return "";
  }

  /** Sends text: as it is until the first withheld block, then through the page's view (spoiler-output.ts). */
  private emit(text: string): string {
    if (this.view) return this.view.send(text);
    this.sent += text;
    return text;
  }

  /** The first withheld block: from here on what is sent differs from what the model wrote. */
  private trip(): void {
    this.tripped = true;
    this.view ??= new OutputView(this.sent);
    this.sent = "";
  }

  private finishBlock(): string {
    const block = this.block;
    this.block = undefined;
    if (!block) return "";
    if (block.withheld) {
      // After a block that is not a paragraph, no paragraph is open; after the notice (a paragraph)
      // one would be, and a line after it could continue it or underline it into a heading. A blank
      // line (in the same block quote) closes it, so what follows parses as it did around the block.
      if (block.endsInParagraph || block.trailingBlank !== "") return this.emit(block.trailingBlank);
      return this.emit(`${/^(?:[ \t]*>)*/.exec(block.prefix)?.[0] ?? ""}\n`);
    }
    this.shownLines += block.quote.isQuote ? 0 : block.counted;
    return this.emit(block.text + block.trailingBlank);
  }
}
