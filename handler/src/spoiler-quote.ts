/**
 * What the `userCode` exemption covers: a block that QUOTES the user's code, every non-blank line of it
 * one of the user's lines, in the user's order, with none left out in between (blank lines aside). Such
 * a block costs nothing. A block that mixes the user's lines with others counts every line, the user's
 * too: the exemption is for pointing at the user's code, not for completing a solution around it.
 *
 * Why no more: the handler cannot tell the lines a user wrote from lines the client sends back after
 * seeing them (a solution shown in an earlier turn, pasted into `userCode`). A quote can only repeat
 * what the request itself carried, so it shows the client nothing it did not send; a line-by-line
 * exemption let a client send common lines (`}`, `return best`, `i += 1`) and have them left out of the
 * count of a new solution.
 */

/** Lines compare without indentation and with runs of spaces collapsed. */
function normalizeCodeLine(line: string): string {
  return line.trim().replace(/\s+/g, " ");
}

export class UserCode {
  private readonly lines: string[];

  constructor(code: string | undefined) {
    this.lines = (code ?? "")
      .split(/\r\n?|\n/)
      .map(normalizeCodeLine)
      .filter(Boolean);
  }

  /** A tracker for one block. */
  quote(): QuoteTracker {
    return new QuoteTracker(this.lines);
  }
}

export class QuoteTracker {
  /** Positions in the user's lines where the block could be continuing its quote. */
  private candidates: number[] | undefined;
  private broken = false;

  constructor(private readonly lines: readonly string[]) {
    if (lines.length === 0) this.broken = true;
  }

  /** Feeds the block's next non-blank line. */
  add(line: string): void {
    if (this.broken) return;
    const text = normalizeCodeLine(line);
    const next = this.candidates
      ? this.candidates.map((at) => at + 1).filter((at) => this.lines[at] === text)
      : this.lines.flatMap((user, at) => (user === text ? [at] : []));
    this.candidates = next;
    if (next.length === 0) this.broken = true;
  }

  /** Whether every line so far quotes the user's code in order (a block with no lines is not a quote). */
  get isQuote(): boolean {
    return !this.broken && this.candidates !== undefined;
  }
}
