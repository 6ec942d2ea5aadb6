import { type SourceLocation, TerraformNotEmulatedError, TerraformValueError } from "./errors.js";
import {
  type AstNode,
  dropLeadingIndex,
  literal,
  parseExpression,
  segmentKey,
  type TraversalPart,
} from "./expression-ast.js";
import { FUNCTIONS } from "./expression-functions.js";
import { binary, follow } from "./expression-operators.js";
import type { HclValue, TerraformLocal } from "./module-loader.js";
import {
  EvaluationFailure,
  FileValue,
  isKnown,
  ResourceRef,
  toStringValue,
  UnknownValue,
  type Value,
} from "./values.js";

export { FileValue, isKnown, ResourceRef, toStringValue, UnknownValue, type Value };

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
