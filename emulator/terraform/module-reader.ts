/**
 * Reading resources of a parsed module: which blocks exist (`count`), their attributes evaluated and
 * checked, and where each is written (for errors). The per-resource readers build on it.
 */

import { isRecord } from "../common/is-record.js";
import { type SourceLocation, TerraformNotEmulatedError, TerraformValueError } from "./errors.js";
import { Evaluator, type StandIn } from "./expression.js";
import type { HclBody, HclValue, TerraformBlock, TerraformModule } from "./module-loader.js";
import { FileValue, isKnown, ResourceRef, toStringValue, UnknownValue, type Value } from "./values.js";
import type { ResolvedVariables } from "./variables.js";

export class ModuleReader {
  readonly evaluator: Evaluator;

  /** `standIn` gives AWS-only values their local stand-ins; it may read the module through the reader. */
  constructor(
    readonly mod: TerraformModule,
    variables: ResolvedVariables,
    standIn: (reader: ModuleReader) => StandIn,
  ) {
    this.evaluator = new Evaluator({
      moduleDir: mod.dir,
      variables,
      locals: mod.locals,
      standIn: standIn(this),
    });
  }

  /** Resources that exist: `count = 0` removes one, as in Terraform; `for_each` is not emulated. */
  async live(type: string): Promise<TerraformBlock[]> {
    const out: TerraformBlock[] = [];
    for (const block of this.mod.resources.filter((r) => r.type === type)) {
      if (block.body.for_each !== undefined) {
        throw new TerraformNotEmulatedError(
          this.at(block, ["for_each"]),
          `for_each on ${type}.${block.name}`,
        );
      }
      if (block.body.count !== undefined) {
        const count = await this.evaluator.evaluate(block.body.count, this.at(block, ["count"]));
        if (count === 0 || count === false) continue;
        if (count !== 1 && count !== true) {
          throw new TerraformNotEmulatedError(
            this.at(block, ["count"]),
            `count = ${describe(count)} (0 or 1)`,
          );
        }
      }
      out.push(block);
    }
    return out;
  }

  async single(type: string): Promise<TerraformBlock> {
    const blocks = await this.live(type);
    const [first, second] = blocks;
    if (first && !second) return first;
    const at = second?.at ?? { file: this.mod.files[0] ?? this.mod.dir, line: 1 };
    throw new TerraformNotEmulatedError(at, `${blocks.length} ${type} resources (exactly one)`);
  }

  /** The block a reference (`aws_x.y.id`) points at, which must be a live `type` of this module. */
  async referenced(ref: Value, type: string, at: SourceLocation): Promise<TerraformBlock> {
    if (ref instanceof ResourceRef && ref.type === type) {
      const block = (await this.live(type)).find((b) => b.name === ref.name);
      if (block) return block;
    }
    throw new TerraformNotEmulatedError(
      at,
      `expected a reference to a ${type} of this module, got ${describe(ref)}`,
    );
  }

  at(block: TerraformBlock, attrPath: string[]): SourceLocation {
    return block.locator.attribute(block.at, attrPath);
  }

  /** An attribute's value, null when it is not set; a value only AWS knows is an error. */
  async optional(block: TerraformBlock, attrPath: string[]): Promise<Value> {
    const raw = lookup(block.body, attrPath);
    if (raw === undefined) return null;
    const value = await this.evaluator.evaluate(raw, this.at(block, attrPath));
    if (!isKnown(value)) {
      throw new TerraformValueError(this.at(block, attrPath), `${attrPath.join(".")} is not known offline`);
    }
    return value;
  }

  async string(block: TerraformBlock, attrPath: string[]): Promise<string> {
    const value = await this.optional(block, attrPath);
    if (value === null) {
      throw new TerraformValueError(block.at, `${block.type}.${block.name} has no ${attrPath.join(".")}`);
    }
    return toStringValue(value);
  }

  async number(block: TerraformBlock, attrPath: string[], fallback: number): Promise<number> {
    const value = await this.optional(block, attrPath);
    if (value === null) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n))
      throw new TerraformValueError(this.at(block, attrPath), `${attrPath.join(".")} is not a number`);
    return n;
  }
}

function lookup(body: HclBody, attrPath: string[]): HclValue | undefined {
  let current: HclValue | undefined = body;
  for (const [i, name] of attrPath.entries()) {
    if (!isRecord(current)) return undefined;
    current = current[name];
    // Nested blocks come as a list of bodies; attributes after them address the first.
    if (Array.isArray(current) && i < attrPath.length - 1) current = current[0];
  }
  return current;
}

/** A value as an error message shows it. */
export function describe(value: Value): string {
  if (value instanceof ResourceRef) return `${value.type}.${value.name}.${value.attribute}`;
  if (value instanceof UnknownValue) return `${value.expression} (only known to AWS)`;
  if (value instanceof FileValue) return `file(${value.path})`;
  return JSON.stringify(value);
}
