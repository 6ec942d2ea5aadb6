import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { isRecord } from "../common/is-record.js";
import { type SourceLocation, TerraformParseError } from "./errors.js";
import { SourceLocator } from "./source-locator.js";

/** A JSON-ish value as `@cdktn/hcl2json` returns it; expressions stay as `"${...}"` strings. */
export type HclValue = string | number | boolean | null | HclValue[] | { [key: string]: HclValue };
export type HclBody = Record<string, HclValue>;

/** One `resource` or `data` block. */
export interface TerraformBlock {
  kind: "resource" | "data";
  type: string;
  name: string;
  body: HclBody;
  at: SourceLocation;
  locator: SourceLocator;
}

export interface TerraformVariable {
  name: string;
  body: HclBody;
  at: SourceLocation;
}

export interface TerraformLocal {
  name: string;
  expression: HclValue;
  at: SourceLocation;
}

/** The `.tf` files of one folder (not recursive, as Terraform reads a module), parsed. */
export interface TerraformModule {
  dir: string;
  files: string[];
  resources: TerraformBlock[];
  data: TerraformBlock[];
  variables: Map<string, TerraformVariable>;
  locals: Map<string, TerraformLocal>;
  /** The `terraform { backend "<type>" { ... } }` block, when there is one. */
  backend?: { type: string; body: HclBody };
  /** `terraform { required_providers { ... } }`, by local name. */
  requiredProviders: Record<string, HclBody>;
}

/**
 * Parses every `*.tf` file in `dir` with a real HCL parser.
 *
 * @example const mod = await loadTerraformModule("terraform"); mod.resources.length
 */
export async function loadTerraformModule(dir: string): Promise<TerraformModule> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".tf")).sort();
  const mod: TerraformModule = {
    dir: path.resolve(dir),
    files: [],
    resources: [],
    data: [],
    variables: new Map(),
    locals: new Map(),
    requiredProviders: {},
  };
  for (const name of names) {
    const file = path.join(dir, name);
    const source = await readFile(file, "utf8");
    const parsed = await parseHcl(file, source);
    const locator = new SourceLocator(file, source);
    mod.files.push(file);
    collectBlocks(mod.resources, "resource", parsed.resource, locator);
    collectBlocks(mod.data, "data", parsed.data, locator);
    for (const [varName, bodies] of Object.entries(asRecord(parsed.variable))) {
      const at = locator.block("variable", [varName]) ?? { file, line: 1 };
      mod.variables.set(varName, { name: varName, body: firstBody(bodies), at });
    }
    for (const settings of asArray(parsed.terraform)) {
      const block = asRecord(settings);
      for (const [type, bodies] of Object.entries(asRecord(block.backend))) {
        mod.backend = { type, body: firstBody(bodies) };
      }
      for (const providers of asArray(block.required_providers)) {
        for (const [providerName, requirement] of Object.entries(asRecord(providers))) {
          mod.requiredProviders[providerName] = asRecord(requirement);
        }
      }
    }
    for (const block of asArray(parsed.locals)) {
      for (const [localName, expression] of Object.entries(asRecord(block))) {
        const at = locator.attribute(locator.block("locals", []) ?? { file, line: 1 }, [localName]);
        mod.locals.set(localName, { name: localName, expression, at });
      }
    }
  }
  return mod;
}

/** Parses HCL (a `.tf` or `.tfvars` file); a syntax error becomes a TerraformParseError with file:line. */
export async function parseHcl(file: string, source: string): Promise<Record<string, HclValue>> {
  try {
    const { parse } = await hcl2json();
    return (await parse(file, source)) as Record<string, HclValue>;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // The parser reports "<file>:<line>,<col>-<line>,<col>: <summary>; <detail>".
    const match = /:(\d+),\d+(?:-\d+(?:,\d+)?)?: ([^\]]+)/.exec(detail);
    const line = match?.[1] ? Number(match[1]) : 1;
    throw new TerraformParseError({ file, line }, `cannot read HCL: ${match?.[2]?.trim() ?? detail}`);
  }
}

function collectBlocks(
  into: TerraformBlock[],
  kind: "resource" | "data",
  byType: HclValue | undefined,
  locator: SourceLocator,
): void {
  for (const [type, byName] of Object.entries(asRecord(byType))) {
    for (const [name, bodies] of Object.entries(asRecord(byName))) {
      const at = locator.block(kind, [type, name]) ?? { file: locator.file, line: 1 };
      into.push({ kind, type, name, body: firstBody(bodies), at, locator });
    }
  }
}

function firstBody(bodies: HclValue): HclBody {
  const first = Array.isArray(bodies) ? bodies[0] : bodies;
  return asRecord(first);
}

export function asRecord(value: HclValue | undefined): Record<string, HclValue> {
  return isRecord(value) ? value : {};
}

export function asArray(value: HclValue | undefined): HclValue[] {
  return Array.isArray(value) ? value : [];
}

/** A nested block (`cors { ... }`): hcl2json gives a list of bodies; the first, or undefined. */
export function nestedBlock(body: HclBody, name: string): HclBody | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : asRecord(first);
}

/**
 * The parser, loaded on first use: a start answered from the facts cache (facts-cache.ts) never loads
 * it, and it is Go compiled to WebAssembly, heavy to hold.
 */
export function hcl2json(): Promise<typeof import("@cdktn/hcl2json")> {
  return import("@cdktn/hcl2json");
}
