import { readFile } from "node:fs/promises";
import { type SourceLocation, TerraformValueError } from "./errors.js";
import type { Value } from "./expression.js";
import { type HclValue, parseHcl, type TerraformModule } from "./module-loader.js";
import { SourceLocator } from "./source-locator.js";

export type ResolvedVariables = Map<string, { value: Value | undefined; at: SourceLocation }>;

/**
 * Input variables as `terraform plan -var-file=... -var-file=...` would see them: each `default`, then
 * the tfvars files in order (a later file wins). A variable with no value fails only where it is used.
 */
export async function resolveVariables(
  mod: TerraformModule,
  tfvarsFiles: string[],
): Promise<ResolvedVariables> {
  const resolved: ResolvedVariables = new Map();
  for (const variable of mod.variables.values()) {
    const value = "default" in variable.body ? literalValue(variable.body.default ?? null) : undefined;
    resolved.set(variable.name, { value, at: variable.at });
  }
  for (const file of tfvarsFiles) await applyTfvars(resolved, file);
  return resolved;
}

async function applyTfvars(resolved: ResolvedVariables, tfvarsFile: string): Promise<void> {
  const source = await readFile(tfvarsFile, "utf8");
  const parsed = await parseHcl(tfvarsFile, source);
  const locator = new SourceLocator(tfvarsFile, source);
  for (const [name, raw] of Object.entries(parsed)) {
    const at = locator.attribute({ file: tfvarsFile, line: 0 }, [name]);
    if (!resolved.has(name)) {
      // Terraform only warns here; the emulator refuses, so a misspelt name cannot go unnoticed.
      throw new TerraformValueError(at, `value for undeclared variable "${name}"`);
    }
    if (typeof raw === "string" && raw.includes("${")) {
      throw new TerraformValueError(at, `variable "${name}": tfvars values must be literals`);
    }
    resolved.set(name, { value: literalValue(raw), at });
  }
}

function literalValue(raw: HclValue): Value {
  return raw as Value;
}
