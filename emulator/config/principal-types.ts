/**
 * The local IAM principals of the offline stack: who may sign a request, with which keys, and the
 * identity-based policies behind them (`functionUrl.principals`, the credential store, role sessions).
 */
/**
 * One statement of an identity-based policy, in IAM's own spelling so a real policy's statement can be
 * pasted in. Only these keys are read; any other key (Condition, NotAction, ...) is refused at start.
 *
 * @example
 * { "Effect": "Allow", "Action": ["lambda:InvokeFunctionUrl", "lambda:InvokeFunction"],
 *   "Resource": "arn:aws:lambda:us-east-1:123456789012:function:chatbot-query" }
 */
export interface IamPolicyStatement {
  Effect: "Allow" | "Deny";
  /** Action names, case-insensitive, `*` and `?` wildcards (`lambda:Invoke*`). */
  Action: string | string[];
  /** Resource ARNs, `*` and `?` wildcards. */
  Resource: string | string[];
  Sid?: string;
}

/** A local IAM user or role session with its keys and identity-based policies (`functionUrl.principals`). */
export interface LocalPrincipal {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** `arn:aws:iam::<account>:user/<name>` or `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  arn: string;
  /** `authorizer.iam.userId` in the event; default derived from the ARN. */
  userId?: string;
  policies: IamPolicyStatement[];
}

/** A principal in the local credential store, used to sign and to verify SigV4. */
export interface LocalCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** What a resource policy sees: a service principal or an IAM ARN. */
  principal: string;
  accountId: string;
  /** `authorizer.iam.userId` / `callerId` in the event. */
  userId: string;
  /**
   * The `AWS:SourceArn` a call signed with this credential carries (for the CloudFront principal: the
   * distribution ARN). AWS derives it from the calling resource; locally it is bound to the key.
   */
  sourceArn?: string;
  /** Identity-based policies of an IAM principal; absent for service principals and unmodelled callers. */
  identityPolicies?: IamPolicyStatement[];
}

/** Temporary credentials of a role session. */
export interface RoleSessionKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}
