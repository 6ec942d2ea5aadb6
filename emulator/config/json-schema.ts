/**
 * The JSON Schema editors use for `EMULATOR_CONFIG` files (`stack-config.schema.json`, written by
 * `npm run config-schema`). A file overlays the defaults, so its objects may name any subset of their
 * keys; an array replaces the default's whole, so the objects inside arrays stay complete.
 */
import { z } from "zod";
import { stackConfigSchema } from "./schema.js";

type JsonSchema = { [key: string]: unknown };

export const JSON_SCHEMA_FILE = "emulator/config/stack-config.schema.json";

export function editorJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(stackConfigSchema) as JsonSchema;
  const partial = relaxObjects(schema, false) as JsonSchema;
  const properties = (partial.properties ?? {}) as JsonSchema;
  return {
    ...partial,
    title: "chatbot-tutor offline stack configuration (EMULATOR_CONFIG)",
    description: "Overlays the defaults and the Terraform module; any subset of the keys. See README.",
    properties: { $schema: { type: "string" }, ...properties },
  };
}

/** Drops `required` from every object schema that is not inside an array's items. */
function relaxObjects(node: unknown, insideArray: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => relaxObjects(n, insideArray));
  if (typeof node !== "object" || node === null) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "required" && !insideArray) continue;
    out[key] = relaxObjects(value, insideArray || key === "items");
  }
  return out;
}
