import { Evaluator, type Value } from "../../../emulator/terraform/expression.js";
import {
  loadTerraformModule,
  type TerraformBlock,
  type TerraformModule,
} from "../../../emulator/terraform/module-loader.js";
import { resolveVariables } from "../../../emulator/terraform/variables.js";

/**
 * The module as the policy rules see it: parsed by a real HCL parser, variables at their defaults,
 * references to other resources kept as references (no local stand-ins), AWS-only values unknown.
 */
export interface PolicyModule {
  mod: TerraformModule;
  resources(type: string): TerraformBlock[];
  data(type: string): TerraformBlock[];
  /** Evaluates an attribute path of a block (`["default_cache_behavior", "allowed_methods"]`). */
  value(block: TerraformBlock, attrPath: string[]): Promise<Value | undefined>;
}

export async function loadPolicyModule(dir: string): Promise<PolicyModule> {
  const mod = await loadTerraformModule(dir);
  const evaluator = new Evaluator({
    moduleDir: mod.dir,
    variables: await resolveVariables(mod, []),
    locals: mod.locals,
    standIn: async () => undefined,
  });
  return {
    mod,
    resources: (type) => mod.resources.filter((r) => r.type === type),
    data: (type) => mod.data.filter((d) => d.type === type),
    async value(block, attrPath) {
      let raw: unknown = block.body;
      for (const name of attrPath) {
        if (Array.isArray(raw)) raw = raw[0];
        if (raw === null || typeof raw !== "object") return undefined;
        raw = (raw as Record<string, unknown>)[name];
      }
      if (raw === undefined) return undefined;
      return evaluator.evaluate(raw as never, block.locator.attribute(block.at, attrPath));
    },
  };
}
