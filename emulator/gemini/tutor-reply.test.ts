import { describe, expect, it } from "vitest";
import {
  longAnswerReply,
  longCodeReply,
  questionOf,
  quoteOf,
  scriptedReply,
  tutorReply,
} from "./tutor-reply.js";

describe("tutorReply", () => {
  it("is deterministic", () => {
    expect(tutorReply("How do I sort this array?")).toBe(tutorReply("How do I sort this array?"));
  });

  it("quotes the question, names a concept, hints and asks a question back", () => {
    const reply = tutorReply("How do I reverse a linked list?");
    expect(reply).toContain('"How do I reverse a linked list?"');
    expect(reply).toContain("**pointers**");
    expect(reply).toMatch(/hint/i);
    expect(reply.trim().endsWith("?")).toBe(true);
  });

  it("finds the learner's question at the end of a long prompt", () => {
    const prompt = [
      "Problem: Two Sum",
      "Given an array of integers, return indices of the two numbers that add up to target.",
      "```python",
      "def two_sum(nums, target): pass",
      "```",
      "Is there a faster way than two loops?",
    ].join("\n");
    expect(questionOf(prompt)).toBe("Is there a faster way than two loops?");
    expect(tutorReply(prompt)).toContain('"Is there a faster way than two loops?"');
  });

  it("quotes only the first few words of a long question", () => {
    expect(quoteOf("one two three four five six seven eight nine ten")).toBe(
      "one two three four five six seven eight…",
    );
  });

  it("falls back to a general concept", () => {
    expect(tutorReply("hello")).toContain("**breaking the problem into smaller steps**");
  });
});

describe("scriptedReply", () => {
  const scripted = [
    { pattern: "(unclosed", reply: "never" },
    { pattern: "^hello\\b", reply: "Hi! Which problem are you working on?" },
    { pattern: "hello", reply: "second" },
  ];

  it("returns the first matching reply, case-insensitively, skipping invalid patterns", () => {
    expect(scriptedReply("HELLO there", scripted)).toBe("Hi! Which problem are you working on?");
    expect(scriptedReply("say hello", scripted)).toBe("second");
    expect(scriptedReply("nothing", scripted)).toBeUndefined();
  });
});

describe("long replies", () => {
  it("longCodeReply holds a fenced block of exactly `lines` lines", () => {
    for (const lines of [1, 2, 12, 40]) {
      const block = /```python\n([\s\S]*?)\n```/.exec(longCodeReply("q?", lines))?.[1];
      expect(block?.split("\n")).toHaveLength(lines);
    }
  });

  it("longAnswerReply is exactly pieces * pieceSize characters", () => {
    expect(longAnswerReply(200, 24)).toHaveLength(4800);
  });
});
