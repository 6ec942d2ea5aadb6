/** One Terraform setting the emulator reads, and where it lands in the StackConfig. */
export interface TerraformLink {
  terraform: string;
  config: string;
  note?: string;
}

/**
 * The settings the Terraform reader takes from `terraform/` and the config loader lays over the stack
 * config (`emulator/config/terraform-overlay.ts`), for docs and the start banner.
 *
 * @example for (const l of describeTerraformLinks()) console.log(`${l.terraform} -> ${l.config}`);
 */
export function describeTerraformLinks(): TerraformLink[] {
  return TERRAFORM_LINKS.map((link) => ({ ...link }));
}

const eachFunction =
  "the module's first function; every other one: functions.<function name>.<the same field>";

const TERRAFORM_LINKS: readonly TerraformLink[] = [
  {
    terraform: "aws_lambda_function_url (each; with its aws_lambda_function)",
    config: "functionUrl.urlId",
    note: "the first in file order is functionUrl, each other one functions.<function name>; a url-id each",
  },
  {
    terraform: "aws_lambda_function_url.authorization_type",
    config: "functionUrl.authType",
    note: eachFunction,
  },
  {
    terraform: "aws_lambda_function_url.invoke_mode",
    config: "functionUrl.invokeMode",
    note: "absent = BUFFERED",
  },
  { terraform: "aws_lambda_function_url.cors", config: "functionUrl.cors", note: "absent = no CORS" },
  { terraform: "aws_lambda_function.function_name", config: "functionUrl.functionName" },
  {
    terraform: "aws_lambda_function.filename",
    config: "functionUrl.artifact",
    note: "the zip that runs with codeFrom artifact (another module's default); s3_* is refused",
  },
  { terraform: "aws_lambda_function.handler", config: "functionUrl.handler" },
  { terraform: "aws_lambda_function.runtime", config: "functionUrl.runtime", note: "nodejs* only" },
  { terraform: "aws_lambda_function.timeout", config: "functionUrl.timeoutSeconds", note: "absent = 3" },
  { terraform: "aws_lambda_function.memory_size", config: "functionUrl.memoryMb", note: "absent = 128" },
  {
    terraform: "aws_lambda_function.environment.variables",
    config: "functionUrl.environment",
    note: "values only AWS knows (Cognito remote state) keep the local stack's value",
  },
  {
    terraform: "aws_lambda_function.environment.variables.COGNITO_USER_POOL_ID / COGNITO_CLIENT_ID",
    config: "cognito.userPoolId / cognito.clientId",
    note: "when set offline (e.g. in local.tfvars), local Cognito uses the same pool",
  },
  {
    terraform: "aws_lambda_permission (action, principal, source_arn, function_url_auth_type, statement_id)",
    config: "functionUrl.permissions",
    note: "source_arn = a distribution -> its local ARN",
  },
  {
    terraform: "aws_cloudfront_distribution (each)",
    config: "cloudfront.distributionId",
    note: "the first in file order is cloudfront, each other one distributions.<resource name>",
  },
  {
    terraform: "ordered_cache_behavior (each, in order: path_pattern and the settings below)",
    config: "cloudfront.orderedBehaviors",
    note: "tried in order before default_cache_behavior, whose settings are cloudfront's own",
  },
  {
    terraform: "target_origin_id -> origin.domain_name (a Function URL of the module)",
    config: "cloudfront.originFunction",
    note: "the function whose URL the origin is; origin_id in cloudfront.originId",
  },
  {
    terraform: "aws_cloudfront_origin_access_control (via origin.origin_access_control_id)",
    config: "cloudfront.oac",
    note: "no OAC = origin requests go unsigned; origin type must be lambda",
  },
  { terraform: "default_cache_behavior.allowed_methods", config: "cloudfront.allowedMethods" },
  { terraform: "default_cache_behavior.cached_methods", config: "cloudfront.cachedMethods" },
  { terraform: "default_cache_behavior.cache_policy_id", config: "cloudfront.cachePolicyId" },
  {
    terraform: "default_cache_behavior.origin_request_policy_id",
    config: "cloudfront.originRequestPolicyId",
    note: "a managed policy's id; a reference to the module's aws_cloudfront_origin_request_policy also sets cloudfront.originRequestPolicy (its header, cookie and query string settings)",
  },
  {
    terraform: "origin.custom_origin_config.origin_read_timeout",
    config: "cloudfront.originReadTimeoutSeconds",
    note: "absent = 30",
  },
  {
    terraform: "default_cache_behavior.function_association (viewer-request) -> aws_cloudfront_function",
    config: "cloudfront.viewerRequestFunction",
    note: "file from file(...); none = undefined",
  },
];

/** Terraform settings the emulator refuses with TerraformNotEmulatedError rather than ignore. */
export function describeNotEmulated(): string[] {
  return [
    "OAC origin type other than lambda; an S3 origin; an origin that is not one of the module's Function URLs; origin groups",
    "Lambda@Edge; CloudFront Functions on events other than viewer-request",
    "web_acl_id (WAF) on the distribution",
    "a function in a VPC behind a RESPONSE_STREAM Function URL",
    "container-image functions; code in S3 (s3_bucket, s3_key); runtimes other than nodejs*; for_each; count other than 0/1",
    "a module without an aws_lambda_function_url",
  ];
}
