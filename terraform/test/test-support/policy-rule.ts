import { ResourceRef, type Value } from "../../../emulator/terraform/expression.js";
import type { PolicyModule } from "./policy-module.js";

/**
 * Security and fidelity rules for terraform/, checked offline on the parsed HCL. Each returns its
 * violations (empty = the rule holds). `id` names the fixture folder that breaks it.
 */
export interface PolicyRule {
  id: string;
  title: string;
  check(module: PolicyModule, context: PolicyContext): Promise<string[]>;
}

/** What a rule may read besides the module: the date, for rules about lifecycles (a fixture may move it). */
export interface PolicyContext {
  today: Date;
}

export const isRef = (v: Value | undefined, type: string, attribute: string) =>
  v instanceof ResourceRef && v.type === type && v.attribute === attribute;
