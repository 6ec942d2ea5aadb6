/** How much budget one line of a code or HTML block uses, and a cheap look at a line's text. */
import { codeWeight, judgeLine } from "./code-line.js";
import type { LineRole } from "./markdown-code.js";

/**
 * Lines of budget a line of a code or HTML block uses: a fence line or a blank line none; a line of a
 * fenced or indented block, or of an HTML block holding `<pre>`/`<code>`, its codeWeight; a line of
 * another HTML block only when it reads as code (the page drops raw HTML; another client may show it).
 */
export function lineWeight(role: Extract<LineRole, { type: "code" }>): number {
  const content = role.content ?? "";
  if (role.fence || content.trim() === "") return 0;
  if (role.kind !== "html" || role.monospace) return codeWeight(content);
  const judged = judgeLine(content);
  return judged.code ? judged.weight : 0;
}

/** A line's text with its container markers (quote, list item, heading) roughly removed. */
export function roughText(line: string): string {
  return line.replace(/^(?:[ \t]*>)*[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?(?:[ \t]*>)*[ \t]*/, "");
}
