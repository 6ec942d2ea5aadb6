/**
 * An AWS service's answer to a request it refuses before doing any work, as it goes on the wire. Each
 * service fills it in its own form (`function-url/aws-errors.ts`, `ssm/errors.ts`).
 */
export interface AwsErrorResponse {
  status: number;
  /** Value of the `x-amzn-ErrorType` header; undefined sends none. */
  errorType?: string;
  contentType: string;
  body: string;
}
