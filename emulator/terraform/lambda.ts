/** An `aws_lambda_function` behind a Function URL: name, code, handler, runtime, limits, environment, logging. */
import path from "node:path";
import { TerraformNotEmulatedError, TerraformValueError } from "./errors.js";
import type { LambdaCode, LambdaFacts, LambdaLogging, LocalStandIns } from "./facts.js";
import { readLambdaLogging } from "./lambda-logging.js";
import { nestedBlock, type TerraformBlock } from "./module-loader.js";
import type { ModuleReader } from "./module-reader.js";
import { isKnown, toStringValue, UnknownValue, type Value } from "./values.js";

/** The function the Function URL's `function_name` names. */
export async function findLambda(reader: ModuleReader, url: TerraformBlock): Promise<TerraformBlock> {
  const name = await reader.string(url, ["function_name"]);
  for (const lambda of await reader.live("aws_lambda_function")) {
    if ((await reader.string(lambda, ["function_name"])) === name) return lambda;
  }
  throw new TerraformNotEmulatedError(
    reader.at(url, ["function_name"]),
    `the Function URL's function "${name}" is not an aws_lambda_function of this module`,
  );
}

export async function readLambda(
  reader: ModuleReader,
  lambda: TerraformBlock,
  local: LocalStandIns,
): Promise<LambdaFacts> {
  const functionName = await reader.string(lambda, ["function_name"]);
  if ((await reader.optional(lambda, ["package_type"])) === "Image") {
    throw new TerraformNotEmulatedError(reader.at(lambda, ["package_type"]), "container image functions");
  }
  const handler = await reader.string(lambda, ["handler"]);
  if (!/^[^.]+(\.[^.]+)+$/.test(handler)) {
    throw new TerraformValueError(
      reader.at(lambda, ["handler"]),
      `handler "${handler}" is not <file>.<export>`,
    );
  }
  const runtime = await reader.string(lambda, ["runtime"]);
  if (!/^nodejs\d+\.x$/.test(runtime)) {
    throw new TerraformNotEmulatedError(reader.at(lambda, ["runtime"]), `runtime ${runtime} (only nodejs*)`);
  }
  return {
    functionName,
    handler,
    runtime,
    // Defaults as the Lambda API sets them when the argument is absent.
    timeoutSeconds: await reader.number(lambda, ["timeout"], 3),
    memoryMb: await reader.number(lambda, ["memory_size"], 128),
    environment: await readEnvironment(reader, lambda, local),
    logging: await readLogging(reader, lambda),
    code: await readCode(reader, lambda),
  };
}

/**
 * The deployment package: the zip `filename` names, resolved against the module's folder (where
 * `terraform` runs). Code in S3 is refused by name: the emulator runs a zip it can read.
 */
async function readCode(reader: ModuleReader, lambda: TerraformBlock): Promise<LambdaCode> {
  for (const attribute of ["s3_bucket", "s3_key", "s3_object_version"]) {
    if (lambda.body[attribute] !== undefined) {
      throw new TerraformNotEmulatedError(
        reader.at(lambda, [attribute]),
        `function code in S3 (${attribute}): point filename at the zip instead`,
      );
    }
  }
  if (lambda.body.filename === undefined) {
    throw new TerraformValueError(lambda.at, `aws_lambda_function.${lambda.name} has no filename (its zip)`);
  }
  return { zipFile: path.resolve(reader.mod.dir, await reader.string(lambda, ["filename"])) };
}

function readLogging(reader: ModuleReader, lambda: TerraformBlock): Promise<LambdaLogging> {
  const present = nestedBlock(lambda.body, "logging_config") !== undefined;
  return readLambdaLogging(present, {
    read: async (name) => {
      const value = await reader.optional(lambda, ["logging_config", name]);
      return value === null ? undefined : toStringValue(value);
    },
    at: (name) => reader.at(lambda, name ? ["logging_config", name] : ["logging_config"]),
  });
}

async function readEnvironment(
  reader: ModuleReader,
  lambda: TerraformBlock,
  local: LocalStandIns,
): Promise<Record<string, string>> {
  const envBlock = nestedBlock(lambda.body, "environment");
  if (!envBlock) return {};
  const at = reader.at(lambda, ["environment", "variables"]);
  const variables = await reader.evaluator.evaluate(envBlock.variables, at);
  if (variables instanceof UnknownValue || variables === null || typeof variables !== "object") {
    throw new TerraformValueError(at, "environment variables must be a map the reader can evaluate");
  }
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables as Record<string, Value>)) {
    if (isKnown(value)) {
      env[name] = toStringValue(value);
      continue;
    }
    // Only AWS knows it (e.g. the Cognito stack's remote state): the local stack's own value stands in.
    const standIn = local.environment[name];
    if (standIn === undefined) {
      throw new TerraformValueError(
        reader.at(lambda, ["environment", "variables", name]),
        `environment variable ${name} depends on values only AWS knows and has no local stand-in`,
      );
    }
    env[name] = standIn;
  }
  return env;
}
