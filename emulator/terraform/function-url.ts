/** An `aws_lambda_function_url`: auth type, invoke mode (with AWS's VPC rule), CORS, its local url-id. */
import { TerraformNotEmulatedError, TerraformValueError } from "./errors.js";
import type { CorsConfig, FunctionUrlFacts } from "./facts.js";
import { nestedBlock, type TerraformBlock } from "./module-loader.js";
import type { ModuleReader } from "./module-reader.js";
import { toStringValue, type Value } from "./values.js";

export async function readFunctionUrl(
  reader: ModuleReader,
  url: TerraformBlock,
  lambda: TerraformBlock,
  urlId: string,
): Promise<FunctionUrlFacts> {
  const authType = await reader.string(url, ["authorization_type"]);
  if (authType !== "AWS_IAM" && authType !== "NONE") {
    throw new TerraformValueError(reader.at(url, ["authorization_type"]), `authorization_type ${authType}`);
  }
  const invokeMode = await reader.optional(url, ["invoke_mode"]);
  const mode = invokeMode === null ? "BUFFERED" : toStringValue(invokeMode);
  if (mode !== "BUFFERED" && mode !== "RESPONSE_STREAM") {
    throw new TerraformValueError(reader.at(url, ["invoke_mode"]), `invoke_mode ${mode}`);
  }
  // Lambda developer guide (configuration-response-streaming): no streaming for functions in a VPC.
  const subnets = nestedBlock(lambda.body, "vpc_config")
    ? await reader.optional(lambda, ["vpc_config", "subnet_ids"])
    : null;
  if (mode === "RESPONSE_STREAM" && Array.isArray(subnets) && subnets.length > 0) {
    throw new TerraformNotEmulatedError(
      reader.at(lambda, ["vpc_config"]),
      "a function in a VPC behind a RESPONSE_STREAM Function URL (AWS does not stream from inside a VPC)",
    );
  }
  return { authType, invokeMode: mode, cors: await readCors(reader, url), urlId };
}

async function readCors(reader: ModuleReader, url: TerraformBlock): Promise<CorsConfig | undefined> {
  if (!nestedBlock(url.body, "cors")) return undefined;
  const list = async (name: string) =>
    ((await reader.optional(url, ["cors", name])) as Value[] | null)?.map((v) => toStringValue(v)) ?? [];
  const maxAge = await reader.number(url, ["cors", "max_age"], 0);
  if (maxAge > 86400)
    throw new TerraformValueError(reader.at(url, ["cors", "max_age"]), "max_age above 86400");
  return {
    allowOrigins: await list("allow_origins"),
    allowMethods: await list("allow_methods"),
    allowHeaders: await list("allow_headers"),
    exposeHeaders: await list("expose_headers"),
    allowCredentials: (await reader.optional(url, ["cors", "allow_credentials"])) === true,
    maxAge,
  };
}
