/**
 * The spoiler guard, weakened one defence at a time (see variants.ts for how a variant is built). Every
 * adversarial case of the corpus fails against `let-code-through`; each other variant breaks one
 * defence, and exactly the cases that defence is for fail.
 */
import { SPOILER_CORPUS } from "../../handler/src/test-support/spoiler-corpus.js";
import type { Weakness } from "./variants.js";

const ADVERSARIAL_IDS = SPOILER_CORPUS.filter((c) => c.expect.kind === "withheld").map((c) => c.id);

export const SPOILER_WEAKNESSES: readonly Weakness[] = [
  {
    name: "let-code-through",
    description: "the spoiler guard gets an unlimited budget",
    handler: {
      file: "handler/src/app.ts",
      find: "new SpoilerGuard(deps.config.spoilerMaxCodeLines,",
      replace: "new SpoilerGuard(Number.MAX_SAFE_INTEGER,",
    },
    mustFail: ADVERSARIAL_IDS,
  },
  {
    name: "crlf-only",
    description: "only CRLF becomes a line end: a lone CR, U+2028, U+2029 and U+0085 stay in the text",
    handler: {
      file: "handler/src/spoiler-normalize.ts",
      find: "const LINE_END = /\\r\\n?|[\\u2028\\u2029\\u0085]/g;",
      replace: "const LINE_END = /\\r\\n/g;",
    },
    mustFail: ["SPL-120", "SPL-121", "SPL-122", "SPL-123"],
  },
  {
    name: "format-characters-kept",
    description: "zero-width and other format characters stay in the text the guard judges and sends",
    handler: {
      file: "handler/src/spoiler-normalize.ts",
      find: 'return dropFormat(text.replace(LINE_END, "\\n"));',
      replace: 'return text.replace(LINE_END, "\\n");',
    },
    mustFail: ["SPL-124", "SPL-125", "SPL-126"],
  },
  {
    name: "no-look-alikes",
    description: "lines are judged as written: no mapping of look-alike, full-width or mathematical letters",
    handler: {
      file: "handler/src/code-line-skeleton.ts",
      find: "if (/^[\\t\\x20-\\x7E]*$/.test(text)) return text;",
      replace: "return text;",
    },
    mustFail: ["SPL-128", "SPL-129", "SPL-130", "SPL-133"],
  },
  {
    name: "no-look-alike-fences",
    description: "a fence drawn with look-alike characters opens nothing",
    handler: {
      file: "handler/src/code-line.ts",
      find: "const fence = /^(`{3,}|~{3,})/.exec(skeleton(line).trim());",
      replace: "const fence = /^(`{3,}|~{3,})/.exec(line.trim());",
    },
    mustFail: ["SPL-128", "SPL-129", "SPL-130"],
  },
  {
    name: "comments-read-as-prose",
    description: "a line ending in a comment is judged with its comment (a sentence)",
    handler: {
      file: "handler/src/code-line.ts",
      find: "const code = beforeComment(rest);",
      replace: "const code = undefined as string | undefined;",
    },
    mustFail: ["SPL-100", "SPL-102", "SPL-103"],
  },
  {
    name: "whole-line-only",
    description: "a line is judged whole: not by the sides of its labels nor by its table cells",
    handler: {
      file: "handler/src/code-line.ts",
      find: "const parts = tableCells(text) ?? [text, ...labelParts(text)];",
      replace: "const parts = [text];",
    },
    mustFail: ["SPL-104", "SPL-105"],
  },
  {
    name: "span-lines-as-prose",
    description: "a line that is one inline code span is prose",
    handler: {
      file: "handler/src/code-line.ts",
      find: 'if (only) return isCodeText(spans[0]?.content ?? "");',
      replace: "if (only) return false;",
    },
    mustFail: ["SPL-108"],
  },
  {
    name: "budget-per-answer",
    description: "the code in the conversation's earlier turns is not counted",
    handler: {
      file: "handler/src/app.ts",
      find: "alreadyShown: codeShownIn(history),",
      replace: "alreadyShown: 0,",
    },
    mustFail: ["SPL-146", "SPL-147", "SPL-149"],
  },
  {
    name: "quote-anything",
    description: "a block costs nothing whenever the request carries userCode (the quote check never fails)",
    handler: {
      file: "handler/src/spoiler-quote.ts",
      find: "if (next.length === 0) this.broken = true;",
      replace: "",
    },
    mustFail: ["SPL-42", "SPL-148", "SPL-149", "SPL-150"],
  },
];
