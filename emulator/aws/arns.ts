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
