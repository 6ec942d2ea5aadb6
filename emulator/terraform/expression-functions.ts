/** The Terraform built-in functions the reader evaluates offline (Terraform docs, "Built-in Functions"). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { EvaluationFailure, FileValue, toStringValue, type Value } from "./values.js";

export type TerraformFunction = (args: Value[], moduleDir: string) => Value;

export const FUNCTIONS: Record<string, TerraformFunction> = {
  tostring: ([v]) => (v === null || v === undefined ? null : toStringValue(v)),
  tonumber: ([v]) => (v === null || v === undefined ? null : Number(v)),
  tobool: ([v]) => v === true || v === "true",
  tolist: ([v]) => v ?? null,
  toset: ([v]) => v ?? null,
  file: ([p], moduleDir) => {
    const resolved = path.resolve(moduleDir, toStringValue(p ?? ""));
    try {
      return new FileValue(resolved, readFileSync(resolved, "utf8"));
    } catch {
      throw new EvaluationFailure(`file() cannot read ${resolved}`);
    }
  },
  trimprefix: ([s, p]) => {
    const text = toStringValue(s ?? "");
    const prefix = toStringValue(p ?? "");
    return text.startsWith(prefix) ? text.slice(prefix.length) : text;
  },
  trimsuffix: ([s, p]) => {
    const text = toStringValue(s ?? "");
    const suffix = toStringValue(p ?? "");
    return suffix && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
  },
  lower: ([s]) => toStringValue(s ?? "").toLowerCase(),
  upper: ([s]) => toStringValue(s ?? "").toUpperCase(),
  startswith: ([s, p]) => toStringValue(s ?? "").startsWith(toStringValue(p ?? "")),
  endswith: ([s, p]) => toStringValue(s ?? "").endsWith(toStringValue(p ?? "")),
  join: ([sep, list]) => (Array.isArray(list) ? list.map(toStringValue).join(toStringValue(sep ?? "")) : ""),
  split: ([sep, s]) => toStringValue(s ?? "").split(toStringValue(sep ?? "")),
  concat: (lists) => lists.flatMap((l) => (Array.isArray(l) ? l : [])),
  contains: ([list, v]) => Array.isArray(list) && list.includes(v ?? null),
  length: ([v]) => (Array.isArray(v) || typeof v === "string" ? v.length : Object.keys(v ?? {}).length),
  merge: (maps) => Object.assign({}, ...maps.filter((m) => m !== null && typeof m === "object")),
  regex: ([pattern, s]) => {
    const match = new RegExp(toStringValue(pattern ?? "")).exec(toStringValue(s ?? ""));
    if (!match) throw new EvaluationFailure(`regex() found no match in "${toStringValue(s ?? "")}"`);
    return match[0];
  },
  max: (nums) => Math.max(...nums.map(Number)),
  min: (nums) => Math.min(...nums.map(Number)),
};
