import { readFileSync } from "node:fs";
import path from "node:path";
import { getExpressionAst } from "@cdktn/hcl2json";
import { type SourceLocation, TerraformNotEmulatedError, TerraformValueError } from "./errors.js";
import type { HclValue, TerraformLocal } from "./module-loader.js";

/** A value only AWS knows (remote state, a data source) and no local stand-in exists for. */
export class UnknownValue {
  constructor(readonly expression: string) {}
}

/** A reference to another resource's attribute that has no stand-in: the reader follows it. */
export class ResourceRef {
  constructor(
    readonly type: string,
    readonly name: string,
    readonly attribute: string,
  ) {}
}

/** What `file(...)` returns: the content, plus the path so a reader can point the emulator at it. */
export class FileValue {
  constructor(
    readonly path: string,
    readonly content: string,
  ) {}
}

export type Value =
  | string
  | number
  | boolean
  | null
  | Value[]
  | { [key: string]: Value }
  | UnknownValue
  | ResourceRef
  | FileValue;

/** Gives AWS-only values (ARNs, domains, ids) their local stand-ins; undefined when there is none. */
export type StandIn = (ref: {
  kind: "resource" | "data";
  type: string;
  name: string;
  attribute: string;
}) => Promise<Value | undefined>;

export interface EvaluatorOptions {
  moduleDir: string;
  variables: Map<string, { value: Value | undefined; at: SourceLocation }>;
  locals: Map<string, TerraformLocal>;
  standIn: StandIn;
}

// The AST shape of @cdktn/hcl2json's getExpressionAst (only the parts used here).
interface AstNode {
  type: string;
  meta?: Record<string, unknown> & { value?: string };
  children?: AstNode[];
}
interface TraversalPart {
  type: "nameTraversal" | "indexTraversal";
  segment: string;
}

/** Thrown inside evaluation when Terraform would fail; `try()` catches it. */
class EvaluationFailure extends Error {}

/**
 * Evaluates the subset of Terraform's expression language a module like ours uses: literals,
 * templates, `var.`/`local.`/`path.module`, resource and data references (through stand-ins),
 * conditionals, operators and common functions. Anything else is reported as not emulated.
 */
export class Evaluator {
  private readonly localsInProgress = new Set<string>();
  private readonly localCache = new Map<string, Value>();

  constructor(private readonly options: EvaluatorOptions) {}

  /** Evaluates an hcl2json value (strings may hold `${...}` expressions) found at `at`. */
  async evaluate(value: HclValue | undefined, at: SourceLocation): Promise<Value> {
    try {
      return await this.evaluateHcl(value, at);
    } catch (error) {
      if (error instanceof EvaluationFailure) throw new TerraformValueError(at, error.message);
      throw error;
    }
  }

  private async evaluateHcl(value: HclValue | undefined, at: SourceLocation): Promise<Value> {
    if (value === undefined || value === null) return null;
    if (Array.isArray(value)) {
      const items: Value[] = [];
      for (const item of value) items.push(await this.evaluateHcl(item, at));
      return items;
    }
    if (typeof value === "object") {
      const out: Record<string, Value> = {};
      for (const [key, item] of Object.entries(value)) out[key] = await this.evaluateHcl(item, at);
      return out;
    }
    if (typeof value !== "string" || !/[$%]\{/.test(value)) return value;
    let ast: AstNode | null;
    try {
      ast = await parseExpression(value);
    } catch (error) {
      throw new TerraformNotEmulatedError(
        at,
        `expression the reader cannot parse: ${value} (${String(error)})`,
      );
    }
    if (!ast) return value;
    return this.node(ast, at);
  }

  private async node(node: AstNode, at: SourceLocation): Promise<Value> {
    const kids = node.children ?? [];
    const meta = node.meta ?? {};
    switch (node.type) {
      case "templateWrap":
        return kids[0] ? this.node(kids[0], at) : null;
      case "template": {
        const parts = await Promise.all(kids.map((k) => this.node(k, at)));
        if (parts.length === 1 && !(typeof parts[0] === "string")) return parts[0] ?? null;
        let text = "";
        for (const part of parts) {
          if (part instanceof UnknownValue || part instanceof ResourceRef)
            return new UnknownValue(meta.value ?? "");
          text += toStringValue(part);
        }
        return text;
      }
      case "literalValue":
        return literal(meta.type as string, meta.value ?? "");
      case "tuple":
        return Promise.all(kids.map((k) => this.node(k, at)));
      case "object": {
        const keys = Object.keys((meta.items as Record<string, string>) ?? {});
        const out: Record<string, Value> = {};
        for (const [i, key] of keys.entries()) {
          const valueNode = kids[i * 2 + 1];
          out[key.replace(/^"|"$/g, "")] = valueNode ? await this.node(valueNode, at) : null;
        }
        return out;
      }
      case "scopeTraversal":
        return this.traversal(meta.traversal as TraversalPart[], at);
      case "relativeTraversal": {
        const source = kids[0] ? await this.node(kids[0], at) : null;
        return follow(source, (meta.traversal as TraversalPart[]).map(segmentKey));
      }
      case "index": {
        const [collection, key] = await Promise.all(kids.map((k) => this.node(k, at)));
        return follow(collection ?? null, [key as string | number]);
      }
      case "conditional": {
        const condition = kids[0] ? await this.node(kids[0], at) : null;
        if (condition instanceof UnknownValue) return condition;
        const branch = condition === true ? kids[1] : kids[2];
        return branch ? this.node(branch, at) : null;
      }
      case "binaryOp": {
        const [lhs, rhs] = await Promise.all(kids.map((k) => this.node(k, at)));
        return binary(meta.operator as string, lhs ?? null, rhs ?? null);
      }
      case "unaryOp": {
        const operand = kids[0] ? await this.node(kids[0], at) : null;
        if (operand instanceof UnknownValue) return operand;
        return meta.operator === "logicalNot" ? !operand : -Number(operand);
      }
      case "function":
        return this.call(meta.name as string, kids, at);
      default:
        throw new TerraformNotEmulatedError(at, `expression form "${node.type}" in ${meta.value ?? "?"}`);
    }
  }

  private async traversal(parts: TraversalPart[], at: SourceLocation): Promise<Value> {
    const [root, second, ...rest] = parts.map(segmentKey);
    switch (root) {
      case "var": {
        const variable = this.options.variables.get(String(second));
        if (!variable) throw new EvaluationFailure(`reference to undeclared variable var.${second}`);
        if (variable.value === undefined) {
          throw new TerraformValueError(
            variable.at,
            `variable "${second}" has no default and no value; set it in a tfvars file`,
          );
        }
        return follow(variable.value, rest);
      }
      case "local":
        return follow(await this.local(String(second)), rest);
      case "path":
        return this.options.moduleDir;
      case "data": {
        const [name, ...attrs] = rest;
        const ref = {
          kind: "data" as const,
          type: String(second),
          name: String(name),
          attribute: dropLeadingIndex(attrs).join("."),
        };
        return (
          (await this.options.standIn(ref)) ?? new UnknownValue(`data.${second}.${name}.${ref.attribute}`)
        );
      }
      case "count":
      case "each":
      case "self":
      case "terraform":
        throw new TerraformNotEmulatedError(at, `reference ${parts.map((p) => p.segment).join(".")}`);
      default: {
        const attrs = dropLeadingIndex(rest);
        const ref = {
          kind: "resource" as const,
          type: String(root),
          name: String(second),
          attribute: attrs.join("."),
        };
        return (await this.options.standIn(ref)) ?? new ResourceRef(ref.type, ref.name, ref.attribute);
      }
    }
  }

  private async local(name: string): Promise<Value> {
    const cached = this.localCache.get(name);
    if (cached !== undefined) return cached;
    const local = this.options.locals.get(name);
    if (!local) throw new EvaluationFailure(`reference to undeclared local value local.${name}`);
    if (this.localsInProgress.has(name)) throw new EvaluationFailure(`local.${name} refers to itself`);
    this.localsInProgress.add(name);
    try {
      const value = await this.evaluateHcl(local.expression, local.at);
      this.localCache.set(name, value);
      return value;
    } finally {
      this.localsInProgress.delete(name);
    }
  }

  private async call(name: string, argNodes: AstNode[], at: SourceLocation): Promise<Value> {
    // try() and coalesce() look at their arguments one by one; an unknown argument makes them unknown.
    if (name === "try") {
      for (const argNode of argNodes) {
        try {
          return await this.node(argNode, at);
        } catch (error) {
          if (!(error instanceof EvaluationFailure)) throw error;
        }
      }
      throw new EvaluationFailure("no argument of try() could be evaluated");
    }
    if (name === "can") {
      try {
        const value = argNodes[0] ? await this.node(argNodes[0], at) : null;
        return value instanceof UnknownValue ? value : true;
      } catch (error) {
        if (!(error instanceof EvaluationFailure)) throw error;
        return false;
      }
    }
    const args: Value[] = [];
    for (const argNode of argNodes) args.push(await this.node(argNode, at));
    if (name === "coalesce") {
      for (const arg of args) {
        if (arg instanceof UnknownValue || arg instanceof ResourceRef)
          return new UnknownValue(`coalesce(...)`);
        if (arg !== null && arg !== "") return arg;
      }
      throw new EvaluationFailure("coalesce() got only null or empty arguments");
    }
    const unknown = args.find((a) => a instanceof UnknownValue || a instanceof ResourceRef);
    if (unknown) return new UnknownValue(`${name}(...)`);
    const fn = FUNCTIONS[name];
    if (!fn) throw new TerraformNotEmulatedError(at, `function ${name}()`);
    return fn(args, this.options.moduleDir);
  }
}

// The same expressions recur (var.x, references); parsing each once keeps start-up quick.
const astCache = new Map<string, Promise<AstNode | null>>();

function parseExpression(value: string): Promise<AstNode | null> {
  let ast = astCache.get(value);
  if (!ast) {
    ast = getExpressionAst("expression.tf", `"${value}"`) as Promise<AstNode | null>;
    astCache.set(value, ast);
    ast.catch(() => astCache.delete(value));
  }
  return ast;
}

type TerraformFunction = (args: Value[], moduleDir: string) => Value;

const FUNCTIONS: Record<string, TerraformFunction> = {
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

function literal(type: string, raw: string): Value {
  if (type === "number") return Number(raw);
  if (type === "bool") return raw === "true";
  if (type === "dynamic" && raw === "null") return null;
  // The AST keeps escapes as written; undo the ones HCL defines for quoted strings.
  return raw
    .replace(/\$\$\{/g, "${")
    .replace(/%%\{/g, "%{")
    .replace(/\\(["\\nrt])/g, (_, c: string) => {
      const map: Record<string, string> = { n: "\n", r: "\r", t: "\t" };
      return map[c] ?? c;
    });
}

function segmentKey(part: TraversalPart): string | number {
  if (part.type === "nameTraversal") return part.segment;
  const raw = part.segment;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw.replace(/^"|"$/g, "");
}

/** `aws_x.y[0].arn` with a `count`: the index picks the single instance the reader looks at. */
function dropLeadingIndex(keys: (string | number)[]): (string | number)[] {
  return typeof keys[0] === "number" ? keys.slice(1) : keys;
}

function follow(value: Value, keys: (string | number)[]): Value {
  let current: Value = value;
  for (const key of keys) {
    if (current instanceof UnknownValue) return current;
    if (current instanceof ResourceRef) return new UnknownValue(`${current.type}.${current.name}`);
    if (Array.isArray(current) && typeof key === "number") {
      if (key >= current.length) throw new EvaluationFailure(`index ${key} out of range`);
      current = current[key] ?? null;
    } else if (current !== null && typeof current === "object" && !(current instanceof FileValue)) {
      const record = current as Record<string, Value>;
      if (!(String(key) in record)) throw new EvaluationFailure(`no attribute "${key}"`);
      current = record[String(key)] ?? null;
    } else {
      throw new EvaluationFailure(`cannot read "${key}" of ${JSON.stringify(current)}`);
    }
  }
  return current;
}

function binary(operator: string, lhs: Value, rhs: Value): Value {
  if (lhs instanceof UnknownValue) return lhs;
  if (rhs instanceof UnknownValue) return rhs;
  const a = Number(lhs);
  const b = Number(rhs);
  switch (operator) {
    case "equal":
      return JSON.stringify(lhs) === JSON.stringify(rhs);
    case "notEqual":
      return JSON.stringify(lhs) !== JSON.stringify(rhs);
    case "logicalAnd":
      return lhs === true && rhs === true;
    case "logicalOr":
      return lhs === true || rhs === true;
    case "add":
      return a + b;
    case "subtract":
      return a - b;
    case "multiply":
      return a * b;
    case "divide":
      return a / b;
    case "modulo":
      return a % b;
    case "lessThan":
      return a < b;
    case "lessThanOrEqual":
      return a <= b;
    case "greaterThan":
      return a > b;
    case "greaterThanOrEqual":
      return a >= b;
    default:
      throw new EvaluationFailure(`operator ${operator}`);
  }
}

/** Terraform's string conversion of a known primitive value. */
export function toStringValue(value: Value): string {
  if (value instanceof FileValue) return value.content;
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new EvaluationFailure(`cannot use ${JSON.stringify(value)} as a string`);
}

/** True when the value is known offline (no unknown or unresolved reference inside). */
export function isKnown(value: Value): boolean {
  if (value instanceof UnknownValue || value instanceof ResourceRef) return false;
  if (Array.isArray(value)) return value.every(isKnown);
  if (value !== null && typeof value === "object" && !(value instanceof FileValue)) {
    return Object.values(value).every(isKnown);
  }
  return true;
}
