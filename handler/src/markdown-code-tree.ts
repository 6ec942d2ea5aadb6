/**
 * The role of every line of a parsed Markdown text (markdown-code.ts): which lines belong to a code
 * block (fenced or indented, as the page draws them in `<pre>`) or an HTML block, which are blank, and
 * which are text, with the text the line shows once its container markers (block quote `>`, list
 * markers, heading `#`) are removed.
 */
import type { Html, Code as MdCode, Nodes, Root } from "mdast";
import type { LineRole } from "./markdown-code.js";

/** Block containers whose children are blocks (a paragraph's children are inline: not walked). */
const CONTAINERS = new Set(["root", "blockquote", "list", "listItem"]);

/** Container markers at the start of a text line: `>`, list markers, heading hashes. */
const MARKERS = /^(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)))*[ \t]*/;

/**
 * Roles of the `count` lines of `text` (0-based), given its tree; `offset` is where `text` starts in
 * the whole answer, so a block's number (its start) stays the same whatever part of the answer was parsed.
 */
export function markdownTree(tree: Root, count: number, text: string, offset: number): LineRole[] {
  const lines = text.split("\n").slice(0, count);
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  const roles: Array<LineRole | undefined> = new Array(count);
  const paragraph = new Array<boolean>(count).fill(false);
  const visit = (node: Nodes): void => {
    if (node.type === "paragraph" || node.type === "heading") {
      // A setext heading's text lines were paragraph lines until its underline came.
      // From its first text (a definition before it may share its start).
      const from = (node.children[0]?.position?.start.line ?? node.position?.start.line ?? 1) - 1;
      const last = (node.position?.end.line ?? 1) - 1;
      const to = node.type === "paragraph" ? last : last - 1;
      for (let line = from; line <= Math.min(to, count - 1); line++) paragraph[line] = true;
    } else if (node.type === "code" || node.type === "html") {
      blockRoles(node, lines, starts, offset).forEach((role, i) => {
        const line = (node.position?.start.line ?? 1) - 1 + i;
        if (line < count) roles[line] = role;
      });
    } else if (CONTAINERS.has(node.type) && "children" in node) {
      for (const child of node.children) visit(child as Nodes);
    }
  };
  visit(tree);
  return lines.map((line, i) => roles[i] ?? textRole(line, paragraph[i] ?? false));
}

function textRole(line: string, paragraph: boolean): LineRole {
  const markers = MARKERS.exec(line)?.[0] ?? "";
  const rest = line.slice(markers.length);
  const heading = /^#{1,6}(?:[ \t]+|$)/.exec(rest)?.[0];
  const text = (heading ? rest.slice(heading.length).replace(/[ \t]+#+[ \t]*$/, "") : rest).trim();
  if (/^[ \t>]*$/.test(line)) return { type: "blank" };
  // The markers stay as they are (a notice in their place sits in the same container); a marker
  // written without its space gets one.
  const prefix = /[>\-+*.)]$/.test(markers) ? `${markers} ` : markers;
  const opensItem = /(?:^|[ \t>])(?:[-+*]|\d{1,9}[.)])(?=[ \t>]|$)/.test(markers);
  return { type: "text", text, prefix, paragraph, opensItem };
}

/** The roles of the lines of one code or HTML block, from its first line to its last. */
function blockRoles(node: MdCode | Html, lines: string[], starts: number[], offset: number): LineRole[] {
  const first = (node.position?.start.line ?? 1) - 1;
  const end = node.position?.end ?? node.position?.start;
  // A block that ends at the very start of a line ends on the line before (an unclosed fence).
  let last = (end?.line ?? 1) - 1;
  if (end && end.column === 1 && last > first) last--;
  const column = (node.position?.start.column ?? 1) - 1;
  const source = lines[first] ?? "";
  const prefix = source.slice(0, column);
  const base = { type: "code" as const, block: offset + (starts[first] ?? 0) + column, prefix };
  const total = last - first + 1;
  if (node.type === "html") {
    let monospace = false;
    const quotes = (prefix.match(/>/g) ?? []).length;
    return Array.from({ length: total }, (_, i): LineRole => {
      const line = withoutQuotes(lines[first + i] ?? "", quotes);
      if (line.trim() === "") return { type: "blank" };
      // From the line that opens a monospace element on (decided on the lines so far, as they come).
      monospace ||= MONOSPACE.test(line);
      return { ...base, kind: "html", monospace, content: stripTags(line).trim() };
    });
  }
  // A fence is indented less than 4 columns; 4 or more (a tab counts 4) make an indented block.
  const indent = /^[ \t]*/.exec(source.slice(column))?.[0] ?? "";
  const fenced =
    indent.replace(/\t/g, "    ").length < 4 && /^(`{3,}|~{3,})/.test(source.slice(column + indent.length));
  if (!fenced) {
    // An indented block: one value line per source line.
    // A blank line inside it is blank (whether it is inside depends on the lines after it).
    const values = node.value.split("\n");
    return Array.from({ length: total }, (_, i): LineRole => {
      const content = values[i] ?? "";
      return content.trim() === "" ? { type: "blank" } : { ...base, kind: "indented", content };
    });
  }
  // The value holds the lines between the fences without their indentation; a closing fence is the
  // one non-blank line of the block the value does not hold.
  const shown = node.value.split("\n").filter((value) => value.trim() !== "");
  const inner = lines.slice(first + 1, last + 1);
  const quotes = (prefix.match(/>/g) ?? []).length;
  const isBlank = (line: string) => withoutQuotes(line, quotes).trim() === "";
  const nonBlank = inner.filter((line) => !isBlank(line)).length;
  const closes = total > 1 && !isBlank(lines[last] ?? "") && nonBlank === shown.length + 1;
  const roles: LineRole[] = [{ ...base, kind: "fenced", fence: "open" }];
  let next = 0;
  for (const line of closes ? inner.slice(0, -1) : inner) {
    roles.push(isBlank(line) ? { type: "blank" } : { ...base, kind: "fenced", content: shown[next++] ?? "" });
  }
  if (closes) roles.push({ ...base, kind: "fenced", fence: "close" });
  return roles;
}

/** The line without the first `quotes` block quote markers (CommonMark 5.1). */
function withoutQuotes(line: string, quotes: number): string {
  let rest = line;
  for (let i = 0; i < quotes; i++) rest = rest.replace(/^ {0,3}> ?/, "");
  return rest;
}

/** Tags that render their content in a monospace font. */
const MONOSPACE = /<(?:pre|code|samp|kbd|tt|xmp|listing|plaintext|textarea)\b/i;

function stripTags(line: string): string {
  return line.replace(/<\/?[A-Za-z][\w-]*(?:\s[^>]*)?\/?>/g, "");
}
