/**
 * One cache behaviour of a distribution (the default one or an ordered one): its methods, cache and
 * origin request policies, viewer-request function, and the origin its `target_origin_id` names.
 */
import { TerraformNotEmulatedError, TerraformValueError } from "./errors.js";
import type { CacheBehaviorFacts, HttpMethod } from "./facts.js";
import { describe, type ModuleReader } from "./module-reader.js";
import type { NestedBlock } from "./nested-block.js";
import { isModulePolicy, modulePolicyId, readOriginRequestPolicy } from "./origin-request-policy.js";
import type { OriginFacts } from "./origins.js";
import { toStringValue } from "./values.js";
import { readViewerRequestFunction } from "./viewer-request-function.js";

const HTTP_METHODS: readonly HttpMethod[] = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"];

async function methods(behavior: NestedBlock, name: string): Promise<HttpMethod[]> {
  const value = await behavior.evaluate([name]);
  const at = behavior.at([name]);
  if (!Array.isArray(value)) throw new TerraformValueError(at, `${name} must be a list of methods`);
  return value.map((m) => {
    const method = toStringValue(m).toUpperCase();
    if (!HTTP_METHODS.includes(method as HttpMethod))
      throw new TerraformValueError(at, `unknown method ${method}`);
    return method as HttpMethod;
  });
}

async function policyId(behavior: NestedBlock, name: string): Promise<string> {
  const value = await behavior.evaluate([name]);
  if (typeof value === "string") return value;
  throw new TerraformNotEmulatedError(
    behavior.at([name]),
    `${name} ${describe(value)} (a managed policy id or name lookup)`,
  );
}

/** A managed policy by id, or the module's own `aws_cloudfront_origin_request_policy` with its settings. */
async function originRequestPolicy(
  reader: ModuleReader,
  behavior: NestedBlock,
): Promise<Pick<CacheBehaviorFacts, "originRequestPolicyId" | "originRequestPolicy">> {
  const value = await behavior.evaluate(["origin_request_policy_id"]);
  if (isModulePolicy(value)) {
    const policy = await readOriginRequestPolicy(reader, value, behavior.at(["origin_request_policy_id"]));
    return { originRequestPolicyId: modulePolicyId(policy.name), originRequestPolicy: policy };
  }
  return { originRequestPolicyId: await policyId(behavior, "origin_request_policy_id") };
}

async function targetOrigin(behavior: NestedBlock, origins: ReadonlyMap<string, OriginFacts>) {
  const id = toStringValue(await behavior.evaluate(["target_origin_id"]));
  const origin = origins.get(id);
  if (!origin) {
    throw new TerraformValueError(
      behavior.at(["target_origin_id"]),
      `${behavior.label}.target_origin_id "${id}" names no origin of the distribution`,
    );
  }
  return origin;
}

export async function readCacheBehavior(
  reader: ModuleReader,
  behavior: NestedBlock,
  origins: ReadonlyMap<string, OriginFacts>,
): Promise<CacheBehaviorFacts> {
  if (behavior.body.lambda_function_association !== undefined) {
    throw new TerraformNotEmulatedError(
      behavior.at(["lambda_function_association"]),
      "Lambda@Edge associations",
    );
  }
  const origin = await targetOrigin(behavior, origins);
  return {
    ...origin,
    allowedMethods: await methods(behavior, "allowed_methods"),
    cachedMethods: await methods(behavior, "cached_methods"),
    cachePolicyId: await policyId(behavior, "cache_policy_id"),
    ...(await originRequestPolicy(reader, behavior)),
    viewerRequestFunction: await readViewerRequestFunction(reader, behavior),
  };
}
