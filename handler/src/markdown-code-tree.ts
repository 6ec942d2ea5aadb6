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
  const roles: Array<LineRole | undefined> = new Array(count);
  const paragraph = new Array<boolean>(count).fill(false);
  const visit = (node: Nodes): void => {
    if (node.type === "paragraph" || node.type === "heading") {
      // A setext heading's text lines were paragraph lines until its underline came; a paragraph's
      // lines start at its first text (a definition before it may share its start).
      const from = startOf(node.children[0] ?? node).line - 1;
      const to = endOf(node).line - (node.type === "paragraph" ? 1 : 2);
      for (let line = from; line <= Math.min(to, count - 1); line++) paragraph[line] = true;
    } else if (node.type === "code" || node.type === "html") {
      const first = startOf(node).line - 1;
      blockRoles(node, lines, offset).forEach((role, i) => {
        if (first + i < count) roles[first + i] = role;
      });
    } else if (CONTAINERS.has(node.type) && "children" in node) {
      for (const child of node.children) visit(child as Nodes);
    }
  };
  visit(tree);
  return lines.map((line, i) => roles[i] ?? textRole(line, paragraph[i] === true));
}

type Point = { line: number; column: number; offset?: number };
const ORIGIN: Point = { line: 1, column: 1, offset: 0 };

/** Where a node starts and ends (mdast-util-from-markdown always gives positions; the origin otherwise). */
function startOf(node: Nodes): Point {
  return node.position?.start ?? ORIGIN;
}

function endOf(node: Nodes): Point {
  return node.position?.end ?? startOf(node);
}

function lineAt(lines: readonly string[], i: number): string {
  return lines[i] ?? "";
}

function textRole(line: string, paragraph: boolean): LineRole {
  if (/^[ \t>]*$/.test(line)) return { type: "blank" };
  const rest = line.replace(MARKERS, "");
  const markers = line.slice(0, line.length - rest.length);
  const heading = /^#{1,6}(?:[ \t]+|$)/.exec(rest);
  const text = (heading ? rest.slice(heading[0].length).replace(/[ \t]+#+[ \t]*$/, "") : rest).trim();
  // The markers stay as they are (a notice in their place sits in the same container); a marker
  // written without its space gets one.
  const prefix = /[>\-+*.)]$/.test(markers) ? `${markers} ` : markers;
  const opensItem = /(?:^|[ \t>])(?:[-+*]|\d{1,9}[.)])(?=[ \t>]|$)/.test(markers);
  return { type: "text", text, prefix, paragraph, opensItem };
}

/** The roles of the lines of one code or HTML block, from its first line to its last. */
function blockRoles(node: MdCode | Html, lines: string[], offset: number): LineRole[] {
  const start = startOf(node);
  const end = endOf(node);
  const first = start.line - 1;
  // A block that ends at the very start of a line ends on the line before (an unclosed fence).
  const last = end.column === 1 && end.line > start.line ? end.line - 2 : end.line - 1;
  const source = lineAt(lines, first);
  const prefix = source.slice(0, start.column - 1);
  const quotes = prefix.split(">").length - 1;
  const base = { type: "code" as const, block: offset + (start.offset ?? 0), prefix };
  const inner = lines.slice(first + 1, last + 1);
  if (node.type === "html") {
    let monospace = false;
    return [source, ...inner].map((raw): LineRole => {
      const line = withoutQuotes(raw, quotes);
      if (line.trim() === "") return { type: "blank" };
      // From the line that opens a monospace element on (decided on the lines so far, as they come).
      monospace ||= MONOSPACE.test(line);
      return { ...base, kind: "html", monospace, content: stripTags(line).trim() };
    });
  }
  const values = node.value.split("\n");
  // A fence is indented less than 4 columns; 4 or more (a tab counts 4) make an indented block.
  const own = source.slice(start.column - 1);
  const indent = own.length - own.trimStart().length;
  if (own.slice(0, indent).replace(/\t/g, "    ").length >= 4 || !/^(`{3,}|~{3,})/.test(own.trimStart())) {
    // An indented block: one value line per source line; a blank line inside it is blank (whether it
    // is inside depends on the lines after it).
    return [source, ...inner].map((_, i): LineRole => {
      const content = lineAt(values, i);
      return content.trim() === "" ? { type: "blank" } : { ...base, kind: "indented", content };
    });
  }
  // The value holds the lines between the fences without their indentation; a closing fence is the
  // one non-blank line of the block the value does not hold.
  const shown = values.filter((value) => value.trim() !== "");
  const isBlank = (line: string) => withoutQuotes(line, quotes).trim() === "";
  const nonBlank = inner.filter((line) => !isBlank(line)).length;
  const closes =
    inner.length > 0 && !isBlank(lineAt(inner, inner.length - 1)) && nonBlank === shown.length + 1;
  const roles: LineRole[] = [{ ...base, kind: "fenced", fence: "open" }];
  let next = 0;
  for (const line of closes ? inner.slice(0, -1) : inner) {
    roles.push(
      isBlank(line) ? { type: "blank" } : { ...base, kind: "fenced", content: lineAt(shown, next++) },
    );
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
