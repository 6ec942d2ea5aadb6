/**
 * The `aws_cloudfront_distribution` in front of the Function URL: its one origin (with OAC and read
 * timeout) and its default cache behavior (methods, managed policies, viewer-request function).
 */
import { TerraformNotEmulatedError, TerraformValueError } from "./errors.js";
import type { DistributionFacts, HttpMethod, OacSigningBehavior, OriginAccessControl } from "./facts.js";
import { type HclBody, nestedBlock, type TerraformBlock } from "./module-loader.js";
import { describe, type ModuleReader } from "./module-reader.js";
import { isModulePolicy, modulePolicyId, readOriginRequestPolicy } from "./origin-request-policy.js";
import { toStringValue } from "./values.js";
import { readViewerRequestFunction } from "./viewer-request-function.js";

const HTTP_METHODS: readonly HttpMethod[] = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"];

/** `functionUrlDomain`: the only origin emulated, the Function URL's domain as the stand-ins give it. */
export async function readDistribution(
  reader: ModuleReader,
  functionUrlDomain: string,
): Promise<DistributionFacts> {
  const dist = await reader.single("aws_cloudfront_distribution");
  for (const unsupported of ["ordered_cache_behavior", "origin_group"]) {
    if (nestedBlock(dist.body, unsupported)) {
      throw new TerraformNotEmulatedError(
        reader.at(dist, [unsupported]),
        `${unsupported} (one default behavior only)`,
      );
    }
  }
  const webAcl = await reader.evaluator.evaluate(dist.body.web_acl_id, reader.at(dist, ["web_acl_id"]));
  if (webAcl !== null) {
    throw new TerraformNotEmulatedError(reader.at(dist, ["web_acl_id"]), "AWS WAF on the distribution");
  }
  const origin = await readOrigin(reader, dist, functionUrlDomain);
  const behavior = nestedBlock(dist.body, "default_cache_behavior") ?? {};
  const facts: DistributionFacts = {
    ...origin,
    allowedMethods: await methods(reader, dist, behavior, "allowed_methods"),
    cachedMethods: await methods(reader, dist, behavior, "cached_methods"),
    cachePolicyId: await policyId(reader, dist, behavior, "cache_policy_id"),
    ...(await originRequestPolicy(reader, dist, behavior)),
    viewerRequestFunction: undefined,
  };
  if (behavior.lambda_function_association !== undefined) {
    throw new TerraformNotEmulatedError(
      reader.at(dist, ["default_cache_behavior", "lambda_function_association"]),
      "Lambda@Edge associations",
    );
  }
  facts.viewerRequestFunction = await readViewerRequestFunction(reader, dist, behavior);
  return facts;
}

async function readOrigin(
  reader: ModuleReader,
  dist: TerraformBlock,
  functionUrlDomain: string,
): Promise<Pick<DistributionFacts, "originReadTimeoutSeconds" | "oac">> {
  const origins = Array.isArray(dist.body.origin) ? dist.body.origin : [];
  if (origins.length !== 1) {
    throw new TerraformNotEmulatedError(
      reader.at(dist, ["origin"]),
      `${origins.length} origins (exactly one)`,
    );
  }
  const origin = (origins[0] ?? {}) as HclBody;
  if (nestedBlock(origin, "s3_origin_config")) {
    throw new TerraformNotEmulatedError(reader.at(dist, ["origin", "s3_origin_config"]), "an S3 origin");
  }
  const domain = await reader.evaluator.evaluate(
    origin.domain_name,
    reader.at(dist, ["origin", "domain_name"]),
  );
  if (domain !== functionUrlDomain) {
    throw new TerraformNotEmulatedError(
      reader.at(dist, ["origin", "domain_name"]),
      `origin ${describe(domain)} (the emulated origin is the Function URL)`,
    );
  }
  const readTimeout = nestedBlock(origin, "custom_origin_config")?.origin_read_timeout;
  const originReadTimeoutSeconds =
    readTimeout === undefined
      ? 30 // CloudFront's default (developer guide, DownloadDistValuesOrigin).
      : Number(
          await reader.evaluator.evaluate(readTimeout, reader.at(dist, ["origin", "origin_read_timeout"])),
        );
  return { originReadTimeoutSeconds, oac: await readOac(reader, dist, origin) };
}

async function readOac(
  reader: ModuleReader,
  dist: TerraformBlock,
  origin: HclBody,
): Promise<OriginAccessControl | undefined> {
  const at = reader.at(dist, ["origin", "origin_access_control_id"]);
  const ref = await reader.evaluator.evaluate(origin.origin_access_control_id, at);
  if (ref === null) return undefined;
  const block = await reader.referenced(ref, "aws_cloudfront_origin_access_control", at);
  const originType = await reader.string(block, ["origin_access_control_origin_type"]);
  if (originType !== "lambda") {
    throw new TerraformNotEmulatedError(
      reader.at(block, ["origin_access_control_origin_type"]),
      `OAC origin type ${originType} (only lambda)`,
    );
  }
  const signingBehavior = await reader.string(block, ["signing_behavior"]);
  // API_OriginAccessControlConfig's values; CloudFront's emulator refuses the one it does not emulate.
  if (!["always", "no-override", "never", "always-amz-auth"].includes(signingBehavior)) {
    throw new TerraformValueError(
      reader.at(block, ["signing_behavior"]),
      `signing_behavior ${signingBehavior}`,
    );
  }
  const protocol = await reader.string(block, ["signing_protocol"]);
  if (protocol !== "sigv4") {
    throw new TerraformValueError(reader.at(block, ["signing_protocol"]), `signing_protocol ${protocol}`);
  }
  return {
    originType: "lambda",
    signingBehavior: signingBehavior as OacSigningBehavior,
    signingProtocol: "sigv4",
  };
}

async function methods(
  reader: ModuleReader,
  dist: TerraformBlock,
  behavior: HclBody,
  name: string,
): Promise<HttpMethod[]> {
  const at = reader.at(dist, ["default_cache_behavior", name]);
  const value = await reader.evaluator.evaluate(behavior[name], at);
  if (!Array.isArray(value)) throw new TerraformValueError(at, `${name} must be a list of methods`);
  return value.map((m) => {
    const method = toStringValue(m).toUpperCase();
    if (!HTTP_METHODS.includes(method as HttpMethod))
      throw new TerraformValueError(at, `unknown method ${method}`);
    return method as HttpMethod;
  });
}

/** A managed policy by id, or the module's own `aws_cloudfront_origin_request_policy` with its settings. */
async function originRequestPolicy(
  reader: ModuleReader,
  dist: TerraformBlock,
  behavior: HclBody,
): Promise<Pick<DistributionFacts, "originRequestPolicyId" | "originRequestPolicy">> {
  const at = reader.at(dist, ["default_cache_behavior", "origin_request_policy_id"]);
  const value = await reader.evaluator.evaluate(behavior.origin_request_policy_id, at);
  if (isModulePolicy(value)) {
    const policy = await readOriginRequestPolicy(reader, value, at);
    return { originRequestPolicyId: modulePolicyId(policy.name), originRequestPolicy: policy };
  }
  return { originRequestPolicyId: await policyId(reader, dist, behavior, "origin_request_policy_id") };
}

async function policyId(
  reader: ModuleReader,
  dist: TerraformBlock,
  behavior: HclBody,
  name: string,
): Promise<string> {
  const at = reader.at(dist, ["default_cache_behavior", name]);
  const value = await reader.evaluator.evaluate(behavior[name], at);
  if (typeof value === "string") return value;
  throw new TerraformNotEmulatedError(at, `${name} ${describe(value)} (a managed policy id or name lookup)`);
}
