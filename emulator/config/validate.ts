/**
 * Checks a configuration against the schema and explains each problem with its path: a wrong type
 * names the expected one, an unknown key names the nearest valid key (a typo such as
 * `timeoutSecond` used to be ignored without a word).
 */
import { z } from "zod";
import { nearest } from "../common/nearest.js";
import { ConfigError } from "./errors.js";
import { stackConfigSchema } from "./schema.js";
import type { StackConfig } from "./types.js";

/**
 * `value` as a `StackConfig`, or a `ConfigError` listing every problem, one per line.
 *
 * @example checkStackConfig(overlay(config, fileContents), "config file ./local.json")
 */
export function checkStackConfig(value: unknown, source: string): StackConfig {
  const result = stackConfigSchema.safeParse(value);
  if (result.success) return value as StackConfig;
  const problems = result.error.issues.flatMap(describe);
  throw new ConfigError(`${source} is not a valid stack configuration:\n  ${problems.join("\n  ")}`);
}

function describe(issue: z.core.$ZodIssue): string[] {
  const at = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    const known = knownKeys(stackConfigSchema, issue.path);
    return issue.keys.map((key) => {
      const guess = nearest(key, known);
      const where = [...at, key].join(".");
      return `${where}: unknown key${guess ? ` (did you mean ${[...at, guess].join(".")}?)` : ""}`;
    });
  }
  return [`${at.join(".") || "(top level)"}: ${issue.message}`];
}

/** The keys an object in the schema allows at `path` (array indexes and optionals looked through). */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  for (const step of path) {
    node = unwrap(node);
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, z.ZodType>)[String(step)];
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
    else return [];
  }
  node = unwrap(node);
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function unwrap(node: z.ZodType | undefined): z.ZodType | undefined {
  return node instanceof z.ZodOptional ? (node.unwrap() as z.ZodType) : node;
}
