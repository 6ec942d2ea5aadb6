/**
 * A nested block of a resource (`default_cache_behavior`, the second `ordered_cache_behavior`, an
 * `origin`), with where each of its attributes is written, so the readers of repeated blocks report
 * the right line.
 */
import type { SourceLocation } from "./errors.js";
import { asRecord, type HclBody, type TerraformBlock } from "./module-loader.js";
import type { ModuleReader } from "./module-reader.js";

export interface NestedBlock {
  /** What an error calls it: `default_cache_behavior`, `ordered_cache_behavior[1]`. */
  label: string;
  body: HclBody;
  /** Where the block (no path) or one of its attributes is written. */
  at(attrPath?: string[]): SourceLocation;
  /** The attribute's value, evaluated (null when unset). */
  evaluate(attrPath: string[]): ReturnType<ModuleReader["evaluator"]["evaluate"]>;
}

/** Every `name { ... }` block of `block`, in the order written. */
export function nestedBlocks(reader: ModuleReader, block: TerraformBlock, name: string): NestedBlock[] {
  const raw = block.body[name];
  const bodies = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  return bodies.map((body, n) => {
    const start = block.locator.nthBlock(block.at, name, n);
    const at = (attrPath: string[] = []) => block.locator.attribute(start, attrPath);
    const record = asRecord(body);
    return {
      label: bodies.length > 1 || name === "ordered_cache_behavior" ? `${name}[${n}]` : name,
      body: record,
      at,
      evaluate: (attrPath: string[]) => reader.evaluator.evaluate(lookup(record, attrPath), at(attrPath)),
    };
  });
}

function lookup(body: HclBody, attrPath: string[]): HclBody[string] | undefined {
  let current: HclBody[string] | undefined = body;
  for (const name of attrPath) {
    if (current === null || typeof current !== "object") return undefined;
    const next: HclBody[string] | undefined = Array.isArray(current)
      ? asRecord(current[0])[name]
      : (current as HclBody)[name];
    current = Array.isArray(next) && next.length > 0 && typeof next[0] === "object" ? next[0] : next;
  }
  return current;
}
