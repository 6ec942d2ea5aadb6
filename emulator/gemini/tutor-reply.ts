/**
 * Deterministic replies that read like a tutor's hint: they quote a few words of the question, name a
 * concept, give a nudge rather than the answer, and ask a question back. Same input, same reply.
 */

import type { ScriptedReply } from "../config/types.js";

interface Concept {
  pattern: RegExp;
  name: string;
  nudge: string;
}

// First match wins; ordered from specific to general.
const CONCEPTS: Concept[] = [
  {
    pattern: /binary search|sorted array|log ?n/i,
    name: "binary search",
    nudge: "keep track of the range that can still hold the answer, and halve it on every step",
  },
  {
    pattern: /dynamic programming|\bdp\b|memo|subproblem/i,
    name: "dynamic programming",
    nudge:
      "write down what a smaller version of the problem would return, and store it so it is never recomputed",
  },
  {
    pattern: /recurs/i,
    name: "recursion",
    nudge: "decide on the base case first, then check that every call moves closer to it",
  },
  {
    pattern: /linked list|pointer|node/i,
    name: "pointers",
    nudge: "draw the nodes as boxes and arrows, and update one arrow at a time",
  },
  {
    pattern: /tree|bfs|dfs|graph|neighbo/i,
    name: "graph traversal",
    nudge: "pick the order in which you visit nodes and remember which ones you have already seen",
  },
  {
    pattern: /hash|map|dict|lookup|count/i,
    name: "hash maps",
    nudge: "think about what you could remember from earlier elements so that each later check is instant",
  },
  {
    pattern: /sort/i,
    name: "sorting",
    nudge: "ask yourself whether the problem gets easier once the input is in order",
  },
  {
    pattern: /stack|queue|parenthes|bracket/i,
    name: "stacks and queues",
    nudge: "consider which element you need to look at next, the newest or the oldest",
  },
  {
    pattern: /string|substring|palindrome|char/i,
    name: "two pointers on strings",
    nudge: "try walking through the string with two indices and compare what they point at",
  },
  {
    pattern: /time limit|tle|slow|complexity|big ?o|efficien/i,
    name: "time complexity",
    nudge: "count how many times your innermost statement runs for the largest input",
  },
  {
    pattern: /index|out of (range|bounds)|off.by.one|loop|for |while/i,
    name: "loop boundaries",
    nudge: "check the first and last iteration of your loop by hand",
  },
  {
    pattern: /array|list|element/i,
    name: "array traversal",
    nudge: "trace your code on a tiny input of two or three elements and write down every variable",
  },
];

const FALLBACK: Concept = {
  pattern: /$^/,
  name: "breaking the problem into smaller steps",
  nudge: "solve the smallest possible input by hand first, then see what changes as it grows",
};

const OPENERS = [
  "Good question!",
  "Let's think this through together.",
  "Nice, you're asking the right thing.",
  "That's a common sticking point.",
];

const QUESTIONS = [
  "What does your code do on the smallest input you can think of?",
  "Which part of your current approach are you least sure about?",
  "What would you expect the output to be after the first step?",
  "Can you describe in one sentence what your loop is supposed to keep true?",
];

/** A small, stable string hash (FNV-1a) used to pick template variants deterministically. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The user's actual question inside a possibly long prompt: the last line ending in "?", else the last
 * non-empty line. Assumption: handlers put the learner's query last, after problem and code.
 */
export function questionOf(message: string): string {
  const lines = message
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("```"));
  const asked = lines.filter((line) => line.endsWith("?"));
  return asked.at(-1) ?? lines.at(-1) ?? "";
}

/** The first few words of the question, for quoting back. */
export function quoteOf(question: string, maxWords = 8): string {
  const words = question.replace(/["`]/g, "").split(/\s+/).filter(Boolean);
  const head = words.slice(0, maxWords).join(" ");
  return words.length > maxWords ? `${head}…` : head;
}

function conceptOf(message: string): Concept {
  return CONCEPTS.find((concept) => concept.pattern.test(message)) ?? FALLBACK;
}

/** The default reply to a last user message. */
export function tutorReply(message: string): string {
  const question = questionOf(message);
  const hash = stableHash(message);
  const concept = conceptOf(question || message);
  const opener = OPENERS[hash % OPENERS.length] ?? OPENERS[0];
  const ask = QUESTIONS[(hash >>> 8) % QUESTIONS.length] ?? QUESTIONS[0];
  const quote = quoteOf(question);
  const about = quote ? `You asked: "${quote}". ` : "";
  return (
    `${opener} ${about}I won't hand you the full solution, but here is a hint.\n\n` +
    `This one is about **${concept.name}**: ${concept.nudge}.\n\n` +
    `Try it on a small example before changing your code. ${ask}`
  );
}

/** The first scripted reply whose pattern matches (case-insensitive), or undefined. */
export function scriptedReply(message: string, scripted: readonly ScriptedReply[]): string | undefined {
  for (const entry of scripted) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(entry.pattern, "i");
    } catch {
      continue; // A bad pattern in config must not take the stub down; it simply never matches.
    }
    if (pattern.test(message)) return entry.reply;
  }
  return undefined;
}

/** A reply with a fenced code block of `lines` lines, to exercise a spoiler guard. */
export function longCodeReply(message: string, lines: number): string {
  const body: string[] = ["def solve(values):", "    result = []"];
  for (let i = 0; body.length < lines - 1; i++) {
    body.push(`    step_${i} = values[${i} % len(values)] * ${i + 1}  # accumulate step ${i}`);
    if (body.length < lines - 1) body.push(`    result.append(step_${i})`);
  }
  body.push("    return result");
  const quote = quoteOf(questionOf(message));
  return (
    `Here is a complete solution${quote ? ` for "${quote}"` : ""}:\n\n` +
    `\`\`\`python\n${body.slice(0, Math.max(lines, 1)).join("\n")}\n\`\`\`\n\n` +
    "Does each step make sense to you?"
  );
}

/** A reply of exactly `pieces * pieceSize` characters, built from numbered sentences. */
export function longAnswerReply(pieces: number, pieceSize: number): string {
  const target = pieces * pieceSize;
  let text = "";
  for (let i = 1; text.length < target; i++) {
    text += `Step ${i}: look at the next part of the problem and check your assumptions. `;
  }
  return text.slice(0, target);
}
