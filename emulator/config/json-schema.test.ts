import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "./defaults.js";
import { editorJsonSchema, JSON_SCHEMA_FILE } from "./json-schema.js";

it("the published JSON Schema is current (else run `npm run config-schema`)", () => {
  const published: unknown = JSON.parse(readFileSync(path.join(REPO_ROOT, JSON_SCHEMA_FILE), "utf8"));
  expect(published, "stack-config.schema.json is stale: run `npm run config-schema`").toEqual(
    editorJsonSchema(),
  );
});

it("lets a file name any subset of an object's keys, but keeps array items complete", () => {
  const schema = editorJsonSchema() as {
    required?: string[];
    properties: Record<
      string,
      { required?: string[]; properties?: Record<string, { items?: { required?: string[] } }> }
    >;
  };
  expect(schema.required).toBeUndefined();
  expect(schema.properties.functionUrl?.required).toBeUndefined();
  expect(schema.properties.functionUrl?.properties?.permissions?.items?.required).toContain("principal");
  expect(schema.properties).toHaveProperty("$schema");
});
