/**
 * ARNs of the resources the emulator stands in for, in the `aws` partition. Source: Service
 * Authorization Reference, resource types of "AWS Lambda" (`function`:
 * `arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}`) and "Amazon CloudFront"
 * (`distribution`: `arn:${Partition}:cloudfront::${Account}:distribution/${DistributionId}`, no region).
 *
 * @example
 * lambdaFunctionArn("us-east-1", "123456789012", "chatbot-query");
 * // "arn:aws:lambda:us-east-1:123456789012:function:chatbot-query"
 */

/** The unqualified function ARN: what `context.invokedFunctionArn` and an identity policy's Resource name. */
export function lambdaFunctionArn(region: string, accountId: string, functionName: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
}

/** A distribution's ARN: the `AWS:SourceArn` CloudFront presents to a Function URL's resource policy. */
export function cloudFrontDistributionArn(accountId: string, distributionId: string): string {
  return `arn:aws:cloudfront::${accountId}:distribution/${distributionId}`;
}

/** An IAM role (Service Authorization Reference, IAM `role`: `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`). */
export function iamRoleArn(accountId: string, roleName: string): string {
  return `arn:aws:iam::${accountId}:role/${roleName}`;
}

/**
 * A role session, as services name the caller in AccessDenied messages
 * (`arn:aws:sts::<account>:assumed-role/<role>/<session>`). Lambda's session name for the execution
 * role is the function's name (recorded: aws-samples/bedrock-access-gateway#87,
 * github-aws-runners/terraform-aws-github-runner#1279).
 */
export function assumedRoleArn(accountId: string, roleName: string, sessionName: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

/**
 * An SSM parameter (Service Authorization Reference, Systems Manager `parameter`:
 * `arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}`): a name
 * with a leading slash keeps it, `parameter` + `/chatbot/key` (recorded: anomalyco/sst#4176).
 */
export function ssmParameterArn(region: string, accountId: string, name: string): string {
  return `arn:aws:ssm:${region}:${accountId}:parameter${name.startsWith("/") ? "" : "/"}${name}`;
}

/** A KMS key (Service Authorization Reference, KMS `key`: `arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}`). */
export function kmsKeyArn(region: string, accountId: string, keyId: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${keyId}`;
}
