/**
 * docs/lifecycle.md, rendered from the table (`npm run lifecycle` writes it; a test fails while the
 * file differs from what this returns).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { WARNING_DAYS } from "./check.js";
import { LIFECYCLE } from "./lifecycle.js";
import type { LifecycleKind, LifecycleRow } from "./types.js";

/** The rendered file, docs/lifecycle.md at the repository root. */
export const LIFECYCLE_DOC = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../docs/lifecycle.md",
);

const SECTIONS: { kind: LifecycleKind; title: string }[] = [
  { kind: "gemini-model", title: "Gemini models" },
  { kind: "lambda-runtime", title: "Lambda Node.js runtimes" },
  { kind: "runtime-client", title: "AWS Lambda runtime interface client (aws-lambda-ric)" },
  { kind: "gemini-sdk", title: "Gemini SDKs" },
  { kind: "node", title: "Node.js releases" },
];

const INTRO = `# Lifecycles of what the project pins

Generated from \`emulator/common/lifecycle/\` by \`npm run lifecycle\`; edit the rows there, not this
file (a test fails while it is stale).

Every external thing the project pins that has an announced end: the Gemini models the handler and the
stub know, Lambda's Node.js runtimes, the runtime interface client lines, the Gemini SDKs and the Node.js
releases the tooling and the function run on. Each row gives its status as read, its dates, the
replacement its source names, and where each fact was read, with the day.

**The check.** \`test/lifecycle/defaults.test.ts\` (part of \`npm test\`) reads the project's defaults
(the handler's \`DEFAULT_MODEL\`, Terraform's \`gemini_model\` and Lambda \`runtime\`, the emulator's
defaults, the models the stub serves as current, the \`aws-lambda-ric\` line, the Gemini SDK and the
function's Node.js in \`package.json\`) and fails when one is missing from this table, deprecated,
ended, or within ${WARNING_DAYS} days of its end, naming the replacement. The Terraform policy rule
\`runtime-supported\` applies the same test to the \`runtime\` of every Lambda function. Statuses are
as read; a row whose end date has come counts as ended whatever its status says.

**Where sources disagree.** Google's deprecations page exists in several cached versions that give the
2.5 models different shutdowns (June 17, 2026; "earliest June 2026"; a Firebase banner says October
2026). The newest notices (read through pages quoting the deprecations page in November 2026) give
December 1, 2026 and route the ids to successors afterwards; the table takes those. The stub answers a
model past its end with Google's 404 NOT_FOUND by default (the page's own definition: "completely turned
off, and the endpoint is no longer available"); \`GEMINI_STUB_RETIRED_MODELS=routed\` follows the routing
notices instead (emulator/gemini/catalogue.ts).
`;

function cell(text: string | undefined): string {
  return (text ?? "").replace(/\|/g, "\\|");
}

function endCell(row: LifecycleRow): string {
  if (!row.end) return "none announced";
  const later = (row.laterDates ?? []).map((d) => `; ${d.label} ${d.date}`).join("");
  return `${row.end} (${row.endMeaning ?? "end"})${later}`;
}

function afterCell(row: LifecycleRow): string {
  const after = row.gemini?.afterEnd;
  if (!after) return "";
  return after.kind === "routed" ? `routed to \`${after.to}\`` : "404 NOT_FOUND";
}

function thinkingCell(row: LifecycleRow): string {
  const thinking = row.gemini?.thinking;
  if (!thinking || thinking.kind === "none") return "none";
  if (thinking.kind === "budget") {
    return `thinkingBudget ${thinking.min}..${thinking.max}${thinking.canDisable ? ", 0 = off" : ""}${thinking.thinksByDefault ? "" : ", off by default"}`;
  }
  return `thinkingLevel ${thinking.levels.join("/")} (default ${thinking.defaultLevel})`;
}

function section(kind: LifecycleKind, title: string): string[] {
  const rows = LIFECYCLE.filter((row) => row.kind === kind);
  const gemini = kind === "gemini-model";
  const head = gemini
    ? [
        "| id | status | released | end | replacement | after the end | thinking |",
        "|---|---|---|---|---|---|---|",
      ]
    : ["| id | status | released | end | replacement |", "|---|---|---|---|---|"];
  const lines = rows.map((row) => {
    const base = [
      `\`${row.id}\``,
      row.status,
      row.released ?? "",
      endCell(row),
      row.replacement ? `\`${row.replacement}\`` : "",
    ];
    const all = gemini ? [...base, afterCell(row), thinkingCell(row)] : base;
    return `| ${all.map(cell).join(" | ")} |`;
  });
  const notes = rows.flatMap((row) => (row.notes ? [`- \`${row.id}\`: ${row.notes}`] : []));
  const sources = rows.flatMap((row) =>
    row.sources.map((s) => `- \`${row.id}\`: <${s.url}> (read ${s.read})${s.note ? `: ${s.note}` : ""}`),
  );
  return [
    `## ${title}`,
    "",
    ...head,
    ...lines,
    "",
    ...(notes.length ? ["Notes:", "", ...notes, ""] : []),
    "Sources:",
    "",
    ...sources,
    "",
  ];
}

export function renderLifecycleDoc(): string {
  return [INTRO, ...SECTIONS.flatMap((s) => section(s.kind, s.title))].join("\n");
}
