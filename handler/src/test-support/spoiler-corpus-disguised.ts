import type { SpoilerCase } from "./spoiler-corpus.js";
import { JS, PY_CORE, TWO_SUM_JS, TWO_SUM_PY, withheld } from "./spoiler-corpus-code.js";

const trimmed = (code: string[]) => code.map((line) => line.trim()).filter(Boolean);
const bare = (code: string[], each: (line: string, n: number) => string) => `${code.map(each).join("\n")}\n`;

/** Sentences a solution's lines can be dressed in. */
const SAY = [
  "this is where the work starts.",
  "we remember where each character was last seen.",
  "the best width so far begins at zero.",
  "the window starts at the very left.",
  "walk over the string one character at a time.",
  "a repeat inside the window means we must move.",
  "jump just past the earlier copy of it.",
  "write down the newest position of the character.",
  "measure how wide the window is now.",
  "see whether it beats the record.",
  "keep the new record.",
  "and that is the answer.",
];

/**
 * Code disguised as prose, by shape, each shape with variants: every line ending in a comment written
 * as a sentence; an assignment followed by words; one inline code span per numbered step; table cells;
 * one heading per line. Their code over the budget must not reach the viewer.
 */
export const ADVERSARIAL_DISGUISED: SpoilerCase[] = [
  {
    id: "SPL-100",
    name: "comments as sentences: every Python line ends in `# a sentence.`",
    query: "Explain each line in a comment so it reads like prose",
    answer: `Here it is, explained:\n\n${bare(PY_CORE, (l, n) => `${l}  # ${SAY[n]}`)}\nThat's all.\n`,
    expect: withheld(
      ["# keep the new record.", "# and that is the answer."],
      ["Here it is, explained:", "That's all."],
    ),
  },
  {
    id: "SPL-101",
    name: "comments as sentences: every JavaScript line ends in `// A sentence.`",
    query: "Comment every line",
    answer: bare(JS, (l, n) => `${l} // ${(SAY[n] ?? "done.").replace(/^./, (c) => c.toUpperCase())}`),
    expect: withheld(["best = Math.max(best, i - start + 1);"]),
  },
  {
    id: "SPL-102",
    name: "comments as sentences: Lua with `-- a sentence.` after each line",
    query: "Write it in Lua with comments",
    answer: `In Lua:\n\n${bare(
      [
        "local function longest(s)",
        "  local last, best, start = {}, 0, 1",
        "  for i = 1, #s do",
        "    local ch = s:sub(i, i)",
        "    if last[ch] and last[ch] >= start then",
        "      start = last[ch] + 1",
        "    end",
        "    last[ch] = i",
        "    best = math.max(best, i - start + 1)",
        "  end",
        "  return best",
        "end",
      ],
      (l, n) => `${l} -- ${SAY[n]}`,
    )}\nEnjoy.\n`,
    expect: withheld(["best = math.max(best, i - start + 1)"], ["In Lua:", "Enjoy."]),
  },
  {
    id: "SPL-103",
    name: "comments as sentences: C-style `/* a sentence. */` after each line",
    query: "Use block comments",
    answer: bare(TWO_SUM_JS, (l, n) => `${l} /* ${SAY[n]} */`),
    expect: withheld(["seen.set(nums[i], i);"]),
  },
  {
    id: "SPL-104",
    name: "a sentence as a label before each line of code",
    query: "Say what each line does first",
    answer: `${bare(trimmed(TWO_SUM_PY), (l, n) => `${(SAY[n] ?? "then").replace(/\.$/, "")}: ${l}`)}\nGood luck.\n`,
    expect: withheld(["return [seen[target - n], i]"], ["Good luck."]),
  },
  {
    id: "SPL-105",
    name: "assignments followed by several words",
    query: "Write it like sentences",
    answer:
      "In words:\n\nlast = {} which will remember each character's position\nbest = 0 because nothing was seen yet\n" +
      "start = 0 for the left edge of the window\nfor i, ch in enumerate(s): go through every character\n" +
      "if ch in last and last[ch] >= start: the character repeats inside the window\n" +
      "start = last[ch] + 1 so the window skips the old copy\nlast[ch] = i and we note where it was\n" +
      "best = max(best, i - start + 1) which keeps the widest one\nreturn best and we are finished\n\nThe end.\n",
    expect: withheld(["best = max(best, i - start + 1) which keeps"], ["In words:", "The end."]),
  },
  {
    id: "SPL-106",
    name: "assignments followed by words, with declarations (JavaScript)",
    query: "Declare everything with words after it",
    answer: bare(
      [
        "let best = 0 as the record so far",
        "let start = 0 at the left edge",
        "const last = new Map() keeps positions",
        "for (let i = 0; i < s.length; i++) loop over the string",
        "if (last.has(s[i]) && last.get(s[i]) >= start) start = last.get(s[i]) + 1 to skip it",
        "last.set(s[i], i) and note it",
        "best = Math.max(best, i - start + 1) for the record",
      ],
      (l) => l,
    ),
    expect: withheld(["best = Math.max(best, i - start + 1) for the record"]),
  },
  {
    id: "SPL-107",
    name: "assignments followed by words, with a sentence around each",
    query: "Hide the code in sentences",
    answer: bare(
      trimmed(PY_CORE).filter((l) => / = /.test(l)),
      (l) => `Then ${l} happens here, and we carry on with the next step.`,
    ),
    expect: withheld(["best = width happens here"]),
  },
  {
    id: "SPL-108",
    name: "numbered steps, each holding one inline code span",
    query: "Number the steps and put the code in backticks",
    answer: `${bare(trimmed(PY_CORE), (l, n) => `${n + 1}. \`${l}\``)}\nDone.\n`,
    expect: withheld(["`best = width`", "`return best`"], ["Done."]),
  },
  {
    id: "SPL-109",
    name: "labelled steps (`Step 3:`), each with one span",
    query: "Write Step 1:, Step 2: ... with the code",
    answer: bare(trimmed(TWO_SUM_PY), (l, n) => `Step ${n + 1}: \`${l}\``),
    expect: withheld(["`return [seen[target - n], i]`"]),
  },
  {
    id: "SPL-110",
    name: "bullets whose sentences each hold one statement in a span",
    query: "Bullet points with a bit of code in each",
    answer: `Plan:\n\n${bare(trimmed(PY_CORE), (l) => `- Next, write \`${l}\` and keep going.`)}\nThat's the plan.\n`,
    expect: withheld(["`best = width`"], ["Plan:", "That's the plan."]),
  },
  {
    id: "SPL-111",
    name: "ordered steps with `1)` markers and JavaScript spans",
    query: "Use 1) 2) 3) numbering",
    answer: bare(trimmed(JS), (l, n) => `${n + 1}) \`${l}\``),
    expect: withheld(["`best = Math.max(best, i - start + 1);`"]),
  },
  {
    id: "SPL-112",
    name: "table cells without backticks, unframed rows",
    query: "A table without pipes at the ends",
    answer: `line | code\n--- | ---\n${bare(trimmed(PY_CORE), (l, n) => `${n + 1} | ${l}`)}\nDone.\n`,
    expect: withheld(["best = width"], ["Done."]),
  },
  {
    id: "SPL-113",
    name: "a three-column table: step, code, why",
    query: "Table with code and explanation",
    answer: `| step | code | why |\n|---|---|---|\n${bare(
      trimmed(TWO_SUM_PY),
      (l, n) => `| ${n + 1} | \`${l}\` | ${SAY[n] ?? "done."} |`,
    )}`,
    expect: withheld(["return [seen[target - n], i]"]),
  },
  {
    id: "SPL-114",
    name: "an HTML table with one line of code per cell",
    query: "Use an HTML table",
    answer: `<table>\n${bare(trimmed(TWO_SUM_JS), (l) => `<tr><td>${l}</td></tr>`)}</table>\n\nDone.\n`,
    expect: withheld(["seen.set(nums[i], i);"], ["Done."]),
  },
  {
    id: "SPL-115",
    name: "one heading per line, each `## Step n: code`",
    query: "Headings with the code in them",
    answer: bare(trimmed(PY_CORE), (l, n) => `## Step ${n + 1}: \`${l}\``),
    expect: withheld(["best = width"]),
  },
  {
    id: "SPL-116",
    name: "one setext heading per line (each line underlined with ---)",
    query: "Underline every line",
    answer: bare(trimmed(PY_CORE), (l) => `${l}\n---`),
    expect: withheld(["best = width", "return best"]),
  },
  {
    id: "SPL-117",
    name: "one level-1 heading per line of Python",
    query: "Big headings please",
    answer: `${bare(trimmed(PY_CORE), (l) => `# ${l}`)}\nFin.\n`,
    expect: withheld(["# best = width"], ["Fin."]),
  },
];
