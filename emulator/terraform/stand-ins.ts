/**
 * Local stand-ins for the values only AWS knows (account, region, ARNs, domains, managed policy ids),
 * given to the expression evaluator: a reference to one evaluates to the local stack's own value.
 */
import { createHash } from "node:crypto";
import { cloudFrontDistributionArn, lambdaFunctionArn as functionArn } from "../aws/arns.js";
import { managedPolicyIdByName } from "../aws/cloudfront-managed-policies.js";
import type { StandIn } from "./expression.js";
import type { LocalStandIns } from "./facts.js";
import { renderPolicyDocument } from "./iam-policy-document.js";
import type { ModuleReader } from "./module-reader.js";

/** The function's ARN as Lambda forms it, in the local account and region. */
export function lambdaFunctionArn(local: LocalStandIns, functionName: string): string {
  return functionArn(local.region, local.accountId, functionName);
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The url-id of a function's URL: the fixed one the caller gives for it, else 32 lower-case letters and
 * digits (the shape AWS's have) derived from the function's name, the same on every start.
 */
export function localUrlId(local: LocalStandIns, functionName: string): string {
  return local.functionUrls[functionName] ?? digest(`url:${local.accountId}:${functionName}`).slice(0, 32);
}

/** `<url-id>.lambda-url.<region>.on.aws` of a function's URL. */
export function localUrlDomain(local: LocalStandIns, functionName: string): string {
  return `${localUrlId(local, functionName)}.lambda-url.${local.region}.on.aws`;
}

/**
 * A distribution's id, domain and ARN: the caller's for the first distribution of the module, else
 * derived from its resource name (an id of 14 upper-case letters and digits, `d<13>.cloudfront.net`).
 */
export async function localDistribution(
  reader: ModuleReader,
  local: LocalStandIns,
  resourceName: string,
): Promise<LocalStandIns["distribution"]> {
  const [first] = await reader.live("aws_cloudfront_distribution");
  if (!first || first.name === resourceName) return local.distribution;
  const hash = digest(`distribution:${local.accountId}:${resourceName}`);
  const id = `E${hash.slice(0, 13).toUpperCase()}`;
  return {
    id,
    domainName: `d${hash.slice(13, 26)}.cloudfront.net`,
    arn: cloudFrontDistributionArn(local.accountId, id),
  };
}

/** @example new ModuleReader(mod, variables, (reader) => localStandIn(reader, standIns)) */
export function localStandIn(reader: ModuleReader, local: LocalStandIns): StandIn {
  return async (ref) => {
    if (ref.kind === "data") return dataStandIn(reader, local, ref);
    if (ref.type === "aws_cloudfront_distribution") {
      const distribution = await localDistribution(reader, local, ref.name);
      if (ref.attribute === "arn") return distribution.arn;
      if (ref.attribute === "id") return distribution.id;
      if (ref.attribute === "domain_name") return distribution.domainName;
    }
    if (ref.type === "aws_lambda_function" && ref.attribute === "arn") {
      const block = reader.mod.resources.find((r) => r.type === ref.type && r.name === ref.name);
      const name = block ? await reader.string(block, ["function_name"]) : undefined;
      return name && lambdaFunctionArn(local, name);
    }
    if (ref.type === "aws_cloudwatch_log_group" && ref.attribute === "arn") {
      // Service Authorization Reference, CloudWatch Logs `log-group`: arn:...:logs:<region>:<account>:log-group:<name>.
      const block = reader.mod.resources.find((r) => r.type === ref.type && r.name === ref.name);
      const name = block ? await reader.string(block, ["name"]) : undefined;
      return name && `arn:aws:logs:${local.region}:${local.accountId}:log-group:${name}`;
    }
    if (ref.type === "aws_lambda_function_url") {
      const block = reader.mod.resources.find((r) => r.type === ref.type && r.name === ref.name);
      const name = block ? await reader.string(block, ["function_name"]) : undefined;
      if (name && ref.attribute === "function_url") return `https://${localUrlDomain(local, name)}/`;
      if (name && ref.attribute === "url_id") return localUrlId(local, name);
    }
    // An argument set in the referenced block is known at plan time, as in Terraform.
    const block = reader.mod.resources.find((r) => r.type === ref.type && r.name === ref.name);
    const argument = block?.body[ref.attribute];
    if (block && argument !== undefined && !Array.isArray(argument)) {
      return reader.evaluator.evaluate(argument, reader.at(block, [ref.attribute]));
    }
    return undefined;
  };
}

async function dataStandIn(
  reader: ModuleReader,
  local: LocalStandIns,
  ref: Parameters<StandIn>[0],
): Promise<string | undefined> {
  const data = reader.mod.data.find((d) => d.type === ref.type && d.name === ref.name);
  // Rendered by the provider at plan time, so known offline (iam-policy-document.ts).
  if (ref.type === "aws_iam_policy_document" && ref.attribute === "json" && data) {
    return renderPolicyDocument(reader, data);
  }
  // An alias of a key in the local account: the local stand-in key (AWS managed keys have no other ARN).
  if (
    ref.type === "aws_kms_alias" &&
    (ref.attribute === "target_key_arn" || ref.attribute === "target_key_id")
  ) {
    const name = data?.body.name;
    const arn = typeof name === "string" ? local.kmsAliases[name] : undefined;
    return ref.attribute === "target_key_arn" ? arn : arn?.slice(arn.lastIndexOf("/") + 1);
  }
  if (ref.type === "aws_caller_identity" && ref.attribute === "account_id") return local.accountId;
  if (ref.type === "aws_partition" && ref.attribute === "partition") return "aws";
  if (ref.type === "aws_region" && (ref.attribute === "name" || ref.attribute === "region"))
    return local.region;
  if (
    (ref.type === "aws_cloudfront_cache_policy" || ref.type === "aws_cloudfront_origin_request_policy") &&
    ref.attribute === "id"
  ) {
    const name = data?.body.name;
    return typeof name === "string" ? managedPolicyIdByName(name) : undefined;
  }
  return undefined;
}
