/**
 * A streaming filter on the model's text that keeps long code blocks out of the answer.
 *
 * Text outside fenced code blocks passes through as soon as it arrives. Only the start of a line that
 * could still turn into a fence (``` or ~~~, up to 3 spaces of indent, CommonMark) is held back until
 * it decides. A fenced block is held until it closes; a block of more than `maxCodeLines` lines is
 * replaced by a short notice, sent as soon as the block passes the limit.
 */

export const SPOILER_NOTICE =
  "_[A long code block was left out: the tutor gives hints, not full code. Ask about the step you are stuck on.]_\n";

interface OpenFence {
  char: "`" | "~";
  length: number;
  opener: string;
  lines: string[];
  replaced: boolean;
}

type FenceStart = { kind: "open"; char: "`" | "~"; length: number } | { kind: "maybe" } | { kind: "no" };

export class SpoilerGuard {
  private buffer = "";
  private atLineStart = true;
  private fence: OpenFence | undefined;

  constructor(
    private readonly maxCodeLines: number,
    private readonly notice: string = SPOILER_NOTICE,
  ) {}

  /** Feeds one piece; returns the text that may be shown now (possibly ""). */
  push(piece: string): string {
    this.buffer += piece;
    let out = "";
    while (this.buffer.length > 0) {
      const nl = this.buffer.indexOf("\n");
      const complete = nl >= 0;
      const line = complete ? this.buffer.slice(0, nl + 1) : this.buffer;

      if (this.fence) {
        if (!complete) break; // a partial line inside a fence waits for its end
        this.buffer = this.buffer.slice(line.length);
        out += this.fenceLine(line);
        continue;
      }
      if (this.atLineStart) {
        const start = fenceStart(line, complete);
        if (start.kind === "maybe" || (start.kind === "open" && !complete)) break;
        this.buffer = this.buffer.slice(line.length);
        if (start.kind === "open") {
          this.fence = { char: start.char, length: start.length, opener: line, lines: [], replaced: false };
          continue;
        }
        out += line;
        this.atLineStart = complete;
        continue;
      }
      this.buffer = this.buffer.slice(line.length);
      out += line;
      this.atLineStart = complete;
    }
    return out;
  }

  /** Ends the stream: releases held text. An unclosed block is judged on what arrived. */
  flush(): string {
    const rest = this.buffer;
    this.buffer = "";
    const fence = this.fence;
    this.fence = undefined;
    this.atLineStart = true;
    if (!fence) return rest;
    if (rest && isClosingFence(rest, fence)) return this.closeFence(fence, rest);
    if (rest) fence.lines.push(rest);
    if (fence.replaced) return "";
    if (fence.lines.length > this.maxCodeLines) return this.notice;
    return fence.opener + fence.lines.join("");
  }

  private fenceLine(line: string): string {
    const fence = this.fence as OpenFence;
    if (isClosingFence(line, fence)) {
      this.fence = undefined;
      this.atLineStart = true;
      return this.closeFence(fence, line);
    }
    if (fence.replaced) return "";
    fence.lines.push(line);
    if (fence.lines.length > this.maxCodeLines) {
      // Decided: drop what is held and say so now rather than after the block ends.
      fence.replaced = true;
      fence.lines = [];
      return this.notice;
    }
    return "";
  }

  private closeFence(fence: OpenFence, closer: string): string {
    if (fence.replaced) return "";
    if (fence.lines.length > this.maxCodeLines) return this.notice;
    return fence.opener + fence.lines.join("") + closer;
  }
}

function fenceStart(line: string, complete: boolean): FenceStart {
  const text = line.replace(/\r?\n$/, "");
  const match = /^( {0,3})(`+|~+)(.*)$/.exec(text);
  if (!match) {
    // Still undecided while the line is only indentation (or nothing yet).
    return !complete && /^ {0,3}$/.test(text) ? { kind: "maybe" } : { kind: "no" };
  }
  const run = match[2] ?? "";
  const info = match[3] ?? "";
  if (run.length < 3) return complete || info.length > 0 ? { kind: "no" } : { kind: "maybe" };
  const char = run[0] === "~" ? "~" : "`";
  // CommonMark: a backtick fence's info string contains no backtick (so ```x``` is inline code).
  if (char === "`" && info.includes("`")) return { kind: "no" };
  return { kind: "open", char, length: run.length };
}

function isClosingFence(line: string, fence: OpenFence): boolean {
  const match = /^ {0,3}(`+|~+)[ \t]*\r?\n?$/.exec(line);
  const run = match?.[1];
  return run !== undefined && run[0] === fence.char && run.length >= fence.length;
}
