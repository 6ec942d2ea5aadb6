import { describe, expect, it } from "vitest";
import { isCodeText, isCommentOnly, isSentence, isStatementText, shapeOf } from "./code-line-shape.js";

describe("shapeOf", () => {
  it("tells words, glue, operators, brackets, code-shaped tokens and strings apart", () => {
    expect(shapeOf('let last_seen = f(x) + "s" and the')).toMatchObject({
      words: 4,
      glue: 2,
      operators: 2,
      brackets: 2,
      codeTokens: 2,
      strings: 1,
    });
  });
});

describe("isCodeText", () => {
  it.each([
    ["an assignment with :=", "x := 1"],
    ["an assignment with <-", "best <- max(best, w)"],
    ["a declaration with a type", "let count: Int = 0"],
    ["an assignment whose value comes on the next line", "total ="],
    ["a one-letter name given code", "n = len(s)"],
    ["a closing bracket", "});"],
    ["a type signature", "longest :: String -> Int"],
    ["a header ending in ) then", "if (x > 0) then"],
    ["a keyword line ending in do", "for i = 1, n do"],
    ["a Lisp form", "(defn f [x] (inc x))"],
    ["a preprocessor line", "#include <vector>"],
    ["a call chain", "result.append(x).sort()"],
    ["dense operators", "a[i] ^ b[j] | c"],
    ["code-shaped tokens and an operator", "acc_total + next_value"],
  ])("code: %s", (_, text) => {
    expect(isCodeText(text)).toBe(true);
  });

  it.each([
    ["a one-letter maths definition", "n = 10^5 is the limit"],
    ["a definition in words", "k = the alphabet size"],
    ["big-O inside a label", "Time: O(n log n)"],
    ["a clause ending in a semicolon", "the answer is not complete;"],
    ["a lone keyword", "where"],
    ["names only", "memory.load.c50"],
    ["a sentence mentioning code", "Use a dict for O(1) lookups of each character you meet."],
  ])("prose: %s", (_, text) => {
    expect(isCodeText(text)).toBe(false);
  });
});

describe("isStatementText", () => {
  it("holds statements, not names or expressions", () => {
    expect(isStatementText("n = 1")).toBe(true);
    expect(isStatementText("n = 1", false)).toBe(false);
    expect(isStatementText("a(); b()")).toBe(true);
    expect(isStatementText("return best + 1")).toBe(true);
    expect(isStatementText("best")).toBe(false);
    expect(isStatementText("range(len(s))")).toBe(false);
    expect(isStatementText("O(n)")).toBe(false);
  });
});

describe("isSentence and isCommentOnly", () => {
  it("knows a sentence, and a line that is only a comment", () => {
    expect(isSentence("This is the whole idea.")).toBe(true);
    expect(isSentence("x = a + b + c + d.")).toBe(false);
    expect(isCommentOnly("// keep it")).toBe(true);
    expect(isCommentOnly("#define X")).toBe(true);
    expect(isCommentOnly("#x = f(1)")).toBe(false);
  });
});
