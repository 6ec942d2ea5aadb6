import type { SourceLocation } from "./errors.js";

/**
 * Finds lines in HCL source. `@cdktn/hcl2json` gives values without positions, so errors about a
 * setting locate it again by its block header and attribute names.
 */
export class SourceLocator {
  private readonly lines: string[];

  constructor(
    readonly file: string,
    source: string,
  ) {
    this.lines = source.split(/\r?\n/);
  }

  /** Line of `<keyword> "<label>" "<label>" {`, or undefined. */
  block(keyword: string, labels: string[]): SourceLocation | undefined {
    const labelPattern = labels.map((l) => `\\s+"${escapeRegExp(l)}"`).join("");
    const pattern = new RegExp(`^\\s*${escapeRegExp(keyword)}${labelPattern}\\s*\\{`);
    const index = this.lines.findIndex((l) => pattern.test(l));
    return index < 0 ? undefined : { file: this.file, line: index + 1 };
  }

  /**
   * Line of a nested attribute or block (`path` like ["default_cache_behavior", "allowed_methods"]),
   * searched forward from `from`; falls back to the deepest part found.
   */
  attribute(from: SourceLocation, path: string[]): SourceLocation {
    let line = from.line;
    for (const name of path) {
      const pattern = new RegExp(`^\\s*"?${escapeRegExp(name)}"?\\s*(=|\\{)`);
      const index = this.lines.findIndex((l, i) => i >= line && pattern.test(l));
      if (index < 0) break;
      line = index + 1;
    }
    return { file: this.file, line };
  }

  /**
   * The line of the `n`-th (from 0) nested block `name { ... }` searched forward from `from`, e.g. a
   * distribution's second `ordered_cache_behavior`; falls back to `from`.
   */
  nthBlock(from: SourceLocation, name: string, n: number): SourceLocation {
    const pattern = new RegExp(`^\\s*${escapeRegExp(name)}\\s*\\{`);
    let seen = -1;
    const index = this.lines.findIndex((l, i) => i >= from.line && pattern.test(l) && ++seen === n);
    return index < 0 ? from : { file: this.file, line: index + 1 };
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
