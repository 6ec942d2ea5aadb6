/**
 * Local stand-ins for the values only AWS knows (account, region, ARNs, domains, managed policy ids),
 * given to the expression evaluator: a reference to one evaluates to the local stack's own value.
 */
import { lambdaFunctionArn as functionArn } from "../aws/arns.js";
import { managedPolicyIdByName } from "../aws/cloudfront-managed-policies.js";
import type { StandIn } from "./expression.js";
import type { LocalStandIns } from "./facts.js";
import type { ModuleReader } from "./module-reader.js";

/** The function's ARN as Lambda forms it, in the local account and region. */
export function lambdaFunctionArn(local: LocalStandIns, functionName: string): string {
  return functionArn(local.region, local.accountId, functionName);
}

/** @example new ModuleReader(mod, variables, (reader) => localStandIn(reader, standIns)) */
export function localStandIn(reader: ModuleReader, local: LocalStandIns): StandIn {
  return async (ref) => {
    if (ref.kind === "data") return dataStandIn(reader, local, ref);
    if (ref.type === "aws_cloudfront_distribution") {
      if (ref.attribute === "arn") return local.distribution.arn;
      if (ref.attribute === "id") return local.distribution.id;
      if (ref.attribute === "domain_name") return local.distribution.domainName;
    }
    if (ref.type === "aws_lambda_function" && ref.attribute === "arn") {
      const block = reader.mod.resources.find((r) => r.type === ref.type && r.name === ref.name);
      const name = block ? await reader.string(block, ["function_name"]) : undefined;
      return name && lambdaFunctionArn(local, name);
    }
    if (ref.type === "aws_lambda_function_url") {
      if (ref.attribute === "function_url") return `https://${local.functionUrl.domain}/`;
      if (ref.attribute === "url_id") return local.functionUrl.urlId;
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

function dataStandIn(
  reader: ModuleReader,
  local: LocalStandIns,
  ref: Parameters<StandIn>[0],
): string | undefined {
  if (ref.type === "aws_caller_identity" && ref.attribute === "account_id") return local.accountId;
  if (ref.type === "aws_partition" && ref.attribute === "partition") return "aws";
  if (ref.type === "aws_region" && (ref.attribute === "name" || ref.attribute === "region"))
    return local.region;
  if (
    (ref.type === "aws_cloudfront_cache_policy" || ref.type === "aws_cloudfront_origin_request_policy") &&
    ref.attribute === "id"
  ) {
    const data = reader.mod.data.find((d) => d.type === ref.type && d.name === ref.name);
    const name = data?.body.name;
    return typeof name === "string" ? managedPolicyIdByName(name) : undefined;
  }
  return undefined;
}
