import { describe, expect, it } from "vitest";
import { helpText, parseFlags, UsageError } from "./command-line.js";

const spec = {
  command: "npm run ask --",
  summary: "Ask the local tutor a question.",
  usage: '[options] "your question"',
  allowPositionals: true,
  options: {
    user: { type: "string", default: "alice", value: "NAME", help: "demo user to sign in as" },
    code: { type: "string", value: "FILE", help: "send this file as the user's code" },
    verbose: { type: "boolean", help: "say more" },
  },
} as const;

describe("parseFlags", () => {
  it("reads flags, defaults and positionals", () => {
    const { values, positionals } = parseFlags(spec, ["--code", "a.js", "why", "slow?"]);
    expect(values).toMatchObject({ user: "alice", code: "a.js", help: false });
    expect(positionals).toEqual(["why", "slow?"]);
  });

  it("refuses an unknown flag, names the valid ones and the nearest", () => {
    expect(() => parseFlags(spec, ["--usr", "bob"])).toThrow(
      new UsageError(
        "unknown option '--usr'. Did you mean --user? Valid options: --user, --code, --verbose, --help",
      ),
    );
  });

  it("refuses an unknown flag without a guess when nothing is close", () => {
    expect(() => parseFlags(spec, ["--frobnicate"])).toThrow(
      /^unknown option '--frobnicate'\. Valid options:/,
    );
  });

  it("refuses a string flag without its value", () => {
    expect(() => parseFlags(spec, ["--code"])).toThrow(UsageError);
  });

  it("refuses positionals when the command takes none", () => {
    expect(() => parseFlags({ ...spec, allowPositionals: false }, ["stray"])).toThrow(/takes no arguments/);
  });

  it("-h and --help set help", () => {
    expect(parseFlags(spec, ["-h"]).values.help).toBe(true);
    expect(parseFlags(spec, ["--help"]).values.help).toBe(true);
  });
});

it("helpText lists every flag with its value, default and the help flag", () => {
  const text = helpText(spec);
  expect(text).toContain('usage: npm run ask -- [options] "your question"');
  expect(text).toMatch(/--user NAME\s+demo user to sign in as \(default: alice\)/);
  expect(text).toMatch(/--code FILE\s+send this file/);
  expect(text).toMatch(/-h, --help\s+show this help/);
});
