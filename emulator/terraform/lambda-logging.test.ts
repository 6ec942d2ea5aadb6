/**
 * The Terraform module's Lambda `logging_config`, read the way Lambda applies it (Lambda API reference,
 * LoggingConfig; developer guide "Log-level filtering": levels need the JSON format).
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { copyModule, MODULE_DIR, type ModuleEdit } from "../../terraform/test/test-support/module-fixture.js";
import { defaultConfig } from "../config/defaults.js";
import { loadTerraformConfig } from "../config/terraform-overlay.js";
import { TerraformValueError } from "./errors.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function load(edits: ModuleEdit[] | null, tfvars?: string) {
  let dir = MODULE_DIR;
  if (edits) {
    const copy = await copyModule(edits);
    cleanups.push(copy.remove);
    dir = copy.dir;
  }
  let tfvarsFile: string | undefined;
  if (tfvars !== undefined) {
    tfvarsFile = path.join(dir, "test.tfvars");
    await writeFile(tfvarsFile, tfvars);
  }
  const config = await loadTerraformConfig({
    dir,
    base: defaultConfig(),
    ...(tfvarsFile ? { tfvarsFile } : {}),
  });
  return config.functionUrl.logging;
}

const BLOCK = `  logging_config {
    log_format            = "JSON"
    application_log_level = var.application_log_level
    system_log_level      = var.system_log_level
    log_group             = aws_cloudwatch_log_group.chatbot.name
  }`;

it("reads the module's logging_config: JSON with INFO application and system levels", async () => {
  expect(await load(null)).toEqual({
    logFormat: "JSON",
    applicationLogLevel: "INFO",
    systemLogLevel: "INFO",
  });
});

it("takes the levels from tfvars like every other setting", async () => {
  expect(await load([], 'application_log_level = "DEBUG"\nsystem_log_level = "WARN"\n')).toEqual({
    logFormat: "JSON",
    applicationLogLevel: "DEBUG",
    systemLogLevel: "WARN",
  });
});

it("no logging_config block is Lambda's default, Text, with no levels", async () => {
  expect(await load([{ file: "lambda.tf", find: BLOCK, replace: "" }])).toEqual({ logFormat: "Text" });
});

it("JSON without levels gets INFO for both (the Lambda API's default)", async () => {
  const edit = {
    file: "lambda.tf",
    find: BLOCK,
    replace: '  logging_config {\n    log_format = "JSON"\n  }',
  };
  expect(await load([edit])).toEqual({
    logFormat: "JSON",
    applicationLogLevel: "INFO",
    systemLogLevel: "INFO",
  });
});

it("refuses log levels with the Text format, naming the block", async () => {
  const edit = {
    file: "lambda.tf",
    find: 'log_format            = "JSON"',
    replace: 'log_format            = "Text"',
  };
  await expect(load([edit])).rejects.toThrow(TerraformValueError);
  await expect(load([edit])).rejects.toThrow(
    /application_log_level and system_log_level need log_format = "JSON"/,
  );
});

it("refuses an application level Lambda does not know", async () => {
  const edit = {
    file: "lambda.tf",
    find: "application_log_level = var.application_log_level",
    replace: 'application_log_level = "VERBOSE"',
  };
  await expect(load([edit])).rejects.toThrow(/VERBOSE is not one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL/);
});
