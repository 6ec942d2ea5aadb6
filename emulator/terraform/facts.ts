/**
 * What the Terraform module says, as plain typed values: the reader's whole answer. It imports nothing
 * from the emulator's configuration; the config loader lays these facts over its defaults
 * (`emulator/config/terraform-overlay.ts`), so the two never import each other.
 */

import type { IamStatement } from "../aws/iam-policy.js";

export type { IamStatement };

export type HttpMethod = "GET" | "HEAD" | "OPTIONS" | "PUT" | "PATCH" | "POST" | "DELETE";

export type LambdaAction = "lambda:InvokeFunctionUrl" | "lambda:InvokeFunction";

/** One statement of the function's resource-based policy (an `aws_lambda_permission`). */
export interface LambdaPermission {
  statementId: string;
  action: LambdaAction | "lambda:*";
  /** A service principal (`cloudfront.amazonaws.com`), an account id, an IAM ARN or `*`. */
  principal: string;
  /** `AWS:SourceArn` condition (ArnLike), when set. */
  sourceArn?: string;
  /** `lambda:FunctionUrlAuthType` condition, when set. */
  functionUrlAuthType?: "AWS_IAM" | "NONE";
}

export interface CorsConfig {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  allowCredentials: boolean;
  /** Seconds, at most 86400. */
  maxAge: number;
}

/**
 * Lambda `LoggingConfig` (Lambda API reference; Terraform `logging_config`). Lambda gives the
 * function AWS_LAMBDA_LOG_FORMAT and, in the JSON format, AWS_LAMBDA_LOG_LEVEL.
 */
export interface LambdaLogging {
  logFormat: "Text" | "JSON";
  /** JSON format only: the function's lines below this level are dropped. */
  applicationLogLevel?: "TRACE" | "DEBUG" | "INFO" | "WARN" | "ERROR" | "FATAL";
  /** JSON format only: the platform's own lines (START, END, REPORT) below this level are dropped. */
  systemLogLevel?: "DEBUG" | "INFO" | "WARN";
}

/**
 * OAC `SigningBehavior` (CloudFront API reference, OriginAccessControlConfig). `always-amz-auth` is in
 * the API since 2026-10-01 (aws-sdk-java-v2 CHANGELOG 2.55.10: "enabling CloudFront to authenticate
 * requests to Lambda-Web origins"); what it signs is not documented, so CloudFront's emulator refuses
 * it with a NotEmulatedError naming it.
 */
export type OacSigningBehavior = "always" | "no-override" | "never" | "always-amz-auth";

export interface OriginAccessControl {
  originType: "lambda";
  signingBehavior: OacSigningBehavior;
  signingProtocol: "sigv4";
}

/** `HeaderBehavior` of an origin request policy (CloudFront API reference, OriginRequestPolicyHeadersConfig). */
export type OriginRequestHeaderBehavior =
  | "none"
  | "whitelist"
  | "allViewer"
  | "allViewerAndWhitelistCloudFront"
  | "allExcept";

/**
 * An origin request policy's settings (CloudFront API reference, OriginRequestPolicyConfig): which
 * viewer headers, cookies and query strings reach the origin, and which CloudFront headers are added.
 */
export interface OriginRequestPolicy {
  name: string;
  headerBehavior: OriginRequestHeaderBehavior;
  /** The `Headers` list, lower case: whitelisted, excepted or CloudFront headers by behavior. */
  headers: string[];
  cookieBehavior: "none" | "whitelist" | "allExcept" | "all";
  queryStringBehavior: "none" | "whitelist" | "allExcept" | "all";
}

export interface CloudFrontFunctionSource {
  name: string;
  /** The `.js` file `file(...)` reads. */
  file: string;
  runtime: string;
}

/** Where a function's code comes from: the zip `filename` names (an `s3_*` source is refused). */
export interface LambdaCode {
  /** The deployment package (`filename`), absolute; it need not exist when the facts are read. */
  zipFile: string;
}

/** An `aws_lambda_function` behind a Function URL. */
export interface LambdaFacts {
  functionName: string;
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memoryMb: number;
  environment: Record<string, string>;
  logging: LambdaLogging;
  code: LambdaCode;
}

/** An `aws_lambda_function_url`. */
export interface FunctionUrlFacts {
  authType: "AWS_IAM" | "NONE";
  invokeMode: "RESPONSE_STREAM" | "BUFFERED";
  /** Undefined when the URL has no `cors` block. */
  cors: CorsConfig | undefined;
  /** The local url-id standing in for the one AWS assigns (LocalStandIns.functionUrls). */
  urlId: string;
}

/** One function with its URL: the `aws_lambda_function` + `aws_lambda_function_url` pair and what belongs to it. */
export interface FunctionFacts {
  lambda: LambdaFacts;
  functionUrl: FunctionUrlFacts;
  executionRole: ExecutionRoleFacts;
  /** The `aws_lambda_permission`s on the function, in file order. */
  permissions: LambdaPermission[];
}

/** A cache behaviour: its methods, policies and viewer-request function, and the origin it sends requests to. */
export interface CacheBehaviorFacts {
  allowedMethods: HttpMethod[];
  cachedMethods: HttpMethod[];
  cachePolicyId: string;
  /** A managed policy's id, or `module:<name>` for a policy the module defines (`originRequestPolicy`). */
  originRequestPolicyId: string;
  /** The module's own `aws_cloudfront_origin_request_policy`, when the behavior uses one. */
  originRequestPolicy?: OriginRequestPolicy;
  /** Undefined when no function is associated. */
  viewerRequestFunction: CloudFrontFunctionSource | undefined;
  /** `target_origin_id`. */
  originId: string;
  /** The function whose URL the origin is. */
  originFunction: string;
  originReadTimeoutSeconds: number;
  /** Undefined when the origin has no OAC (origin requests go unsigned). */
  oac: OriginAccessControl | undefined;
}

export interface OrderedCacheBehaviorFacts extends CacheBehaviorFacts {
  pathPattern: string;
}

/** An `aws_cloudfront_distribution`: its default behaviour (the fields it extends), its ordered ones in order. */
export interface DistributionFacts extends CacheBehaviorFacts {
  /** The Terraform resource's name (`aws_cloudfront_distribution.<name>`). */
  resourceName: string;
  /** The local stand-ins for its id and domain (LocalStandIns). */
  id: string;
  domainName: string;
  orderedBehaviors: OrderedCacheBehaviorFacts[];
}

/** The user pool and app client the functions are configured with, when an environment names them. */
export interface CognitoFacts {
  userPoolId?: string;
  clientId?: string;
}

/** The function's execution role (`aws_lambda_function.role`) and its inline policies (`aws_iam_role_policy`). */
export interface ExecutionRoleFacts {
  name: string;
  arn: string;
  /** Every statement of the role's inline policies, in file order, in IAM's JSON spelling. */
  statements: IamStatement[];
}

/** The KMS key of the functions' SecureString parameters (set outside Terraform; the module declares which). */
export interface ParameterKeyFacts {
  /** A customer managed key's ARN; undefined means SSM's default, the AWS managed key `alias/aws/ssm`. */
  customerManagedKeyArn?: string;
}

export interface TerraformFacts {
  /** Every function with a URL, in file order (files by name, then resources as written). */
  functions: FunctionFacts[];
  /** Every distribution, in the same order. */
  distributions: DistributionFacts[];
  parameterKey: ParameterKeyFacts;
  cognito: CognitoFacts;
}

/**
 * Values only AWS knows (ARNs, domains, ids, another stack's outputs): the local stack's own values
 * stand in for them wherever the module refers to them.
 */
export interface LocalStandIns {
  accountId: string;
  region: string;
  /** The first distribution's (in file order); the others' are derived from their resource names. */
  distribution: { id: string; domainName: string; arn: string };
  /** Fixed url-ids by function name; any other function's is derived from its name (stand-ins.ts). */
  functionUrls: Record<string, string>;
  /** Function environment values by name, used when Terraform's value is only known to AWS. */
  environment: Record<string, string>;
  /** KMS key ARNs by alias name (`alias/aws/ssm`), for `data "aws_kms_alias"`'s `target_key_arn`. */
  kmsAliases: Record<string, string>;
}
