import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LineRole, MarkdownLines } from "./markdown-code.js";

/** Roles of every line of `text` from one parse of the whole. */
function wholeRoles(text: string): LineRole[] {
  const lines = new MarkdownLines();
  for (const line of text.split("\n").slice(0, -1)) lines.addLine(line);
  return lines.decide(undefined, true).roles;
}

/** Roles as the guard gets them: line by line, parsed whenever due, the segment restarted as it goes. */
function incrementalRoles(text: string, partials: boolean): LineRole[] {
  const lines = new MarkdownLines();
  const roles: LineRole[] = [];
  for (const line of text.split("\n").slice(0, -1)) {
    if (partials && line.length > 1) roles.push(...lines.decide(line.slice(0, 2)).roles);
    lines.addLine(line);
    roles.push(...lines.decide(undefined).roles);
  }
  return [...roles, ...lines.decide(undefined, true).roles];
}

const PARTS = [
  "```",
  "~~~~",
  "    indented",
  "\tx = 1",
  "      deeper",
  "- item",
  "-",
  "2) item",
  "1.",
  "> quoted",
  "> ```",
  ">     code",
  "<pre>",
  "</pre>",
  "<div>",
  "[a]: /url",
  "para text",
  "===",
  "---",
  "# heading",
  "",
  "",
];

describe("MarkdownLines", () => {
  it("gives each line the role one parse of the whole answer gives it, however often it restarts", () => {
    const doc = fc
      .array(fc.tuple(fc.constantFrom("", "", "  ", "   ", "> ", "- "), fc.constantFrom(...PARTS)), {
        maxLength: 30,
      })
      .map((lines) => lines.map(([prefix, part]) => `${prefix}${part}\n`).join(""));
    fc.assert(
      fc.property(doc, fc.boolean(), (text, partials) => {
        expect(incrementalRoles(text, partials)).toEqual(wholeRoles(text));
      }),
      {
        numRuns: Number(process.env.PROPERTY_RUNS ?? 1000),
        seed: Number(process.env.PROPERTY_SEED ?? 20261207),
      },
    );
  });

  it("tells code from text as the page's parser does", () => {
    const roles = wholeRoles("Intro\n\n```js\nlet a;\n```\n\n    x\n> - y\n");
    expect(roles.map((r) => r.type)).toEqual([
      "text",
      "blank",
      "code",
      "code",
      "code",
      "blank",
      "code",
      "text",
    ]);
    expect(roles[2]).toMatchObject({ kind: "fenced", fence: "open" });
    expect(roles[3]).toMatchObject({ kind: "fenced", content: "let a;" });
    expect(roles[4]).toMatchObject({ kind: "fenced", fence: "close" });
    expect(roles[6]).toMatchObject({ kind: "indented", content: "x" });
    expect(roles[7]).toMatchObject({ text: "y", prefix: "> - ", opensItem: true, paragraph: true });
  });

  it("parses a long segment again only once it has grown by a quarter, and decides everything when forced", () => {
    const lines = new MarkdownLines();
    const item = `- ${"word ".repeat(100)}`;
    lines.addLine(item);
    expect(lines.decide(undefined).roles).toHaveLength(1);
    for (let i = 0; i < 5; i++) lines.addLine(`  ${"more ".repeat(100)}`);
    expect(lines.decide(undefined).roles).toHaveLength(5);
    lines.addLine("  short");
    expect(lines.decide(undefined).roles).toEqual([]);
    expect(lines.settled).toBe(false);
    expect(lines.decide(undefined, true).roles).toHaveLength(1);
    expect(lines.settled).toBe(true);
  });
});
