/**
 * The answer as the page will parse it, once the guard has changed it. Until the first block is
 * withheld, the viewer's text is the model's text and the guard's view of it is the page's. A notice
 * in a block's place is a paragraph where the block was code, so the lines after it can parse
 * differently (micromark even carries state from an indented code block to the next line). From
 * there on every line goes out through this view: parsed after what was actually sent, a line that
 * was not code to the guard but would be code to the page (a fence it would open, an indented or HTML
 * block it would start) is rewritten so the page shows it as the text it is (the fence escaped, the
 * indentation dropped, the `<` escaped). (From there on the guard sends no code at all.)
 */
import { type LineRole, MarkdownLines } from "./markdown-code.js";

export class OutputView {
  private readonly lines = new MarkdownLines();
  /** The unfinished last line of what was sent. */
  private partial = "";

  /** `sent`: everything the viewer got so far, unchanged (it was the model's text up to here). */
  constructor(sent: string) {
    const lines = sent.split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.lines.addLine(line);
  }

  /** What to send for `text`, a run of lines the guard lets through as text. */
  send(text: string): string {
    let out = "";
    let rest = text;
    while (rest !== "") {
      const nl = rest.indexOf("\n");
      let line = nl >= 0 ? rest.slice(0, nl) : rest;
      rest = nl >= 0 ? rest.slice(nl + 1) : "";
      // A line whose start went out before is what it is; a new line is checked (the last one too).
      if (this.partial === "") line = this.asText(line);
      if (nl < 0) {
        this.partial += line;
        return out + line;
      }
      this.lines.addLine(this.partial + line);
      this.partial = "";
      out += `${line}\n`;
    }
    return out;
  }

  /** The line, rewritten until the page would not make it code (a few steps at most). */
  private asText(line: string): string {
    let current = line;
    for (let step = 0; step < 4; step++) {
      const role = this.lines.decide(current, true).partialRole;
      const next = role?.type === "code" ? defuse(current, role) : current;
      if (next === current) return current;
      current = next;
    }
    return current;
  }
}

/** One rewrite that keeps what the page shows and takes away what makes it code. */
function defuse(line: string, role: Extract<LineRole, { type: "code" }>): string {
  const prefix = /^(?:[ \t]*>)*[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?/.exec(line)?.[0] ?? "";
  const body = line.slice(prefix.length);
  if (role.kind === "indented") return `${prefix.replace(/[ \t]+$/, " ")}${body.trimStart()}`.trimStart();
  if (role.kind === "html") return line.replace("<", "\\<");
  // A fence: its first character escaped (`\```` shows ```` ``` ````, and opens nothing).
  return line.replace(/[`~]/, (char) => `\\${char}`);
}
