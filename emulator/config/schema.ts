/**
 * The stack configuration's schema (zod): what `EMULATOR_CONFIG` files are checked against after
 * they are overlaid, and the source of the JSON Schema editors use (`stack-config.schema.json`).
 * A compile-time check below keeps it identical to `StackConfig` in `types.ts`: a field added there
 * without a rule here fails `npm run typecheck`.
 */
import { z } from "zod";
import { APPLICATION_LEVELS, SYSTEM_LEVELS } from "../terraform/lambda-logging.js";
import type { StackConfig } from "./types.js";

const port = z.number().int().min(0).max(65535);
const host = z.string().min(1);
const httpMethod = z.enum(["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]);

const demoUser = z.strictObject({
  username: z.string().min(1),
  password: z.string().min(1),
  email: z.string(),
  groups: z.array(z.string()),
  sub: z.string().min(1).describe("a stable UUID, so tokens minted across restarts name the same user"),
});

const cognito = z.strictObject({
  host,
  port,
  userPoolId: z
    .string()
    .regex(
      /^[a-z]{2}-(gov-)?[a-z]+-\d_[A-Za-z0-9]+$/,
      "an AWS-shaped user pool id such as us-east-1_ChatbotDev",
    ),
  clientId: z.string().min(1),
  users: z.array(demoUser),
  idTokenTtlSeconds: z.number().int().positive(),
  accessTokenTtlSeconds: z.number().int().positive(),
  preventUserExistenceErrors: z.boolean().optional(),
});

const gemini = z.strictObject({
  host,
  port,
  apiKey: z.string().min(1),
  retiredModels: z.enum(["not-found", "routed"]),
  pieceSize: z.number().int().positive(),
  pieceDelayMs: z.number().int().min(0),
  scripted: z.array(z.strictObject({ pattern: z.string(), reply: z.string() })),
});

const cors = z.strictObject({
  allowOrigins: z.array(z.string()),
  allowMethods: z.array(z.string()),
  allowHeaders: z.array(z.string()),
  exposeHeaders: z.array(z.string()),
  allowCredentials: z.boolean(),
  maxAge: z.number().int().min(0).max(86400),
});

const permission = z.strictObject({
  statementId: z.string().min(1),
  action: z.enum(["lambda:InvokeFunctionUrl", "lambda:InvokeFunction", "lambda:*"]),
  principal: z.string().min(1),
  sourceArn: z.string().optional(),
  functionUrlAuthType: z.enum(["AWS_IAM", "NONE"]).optional(),
});

const stringOrList = z.union([z.string(), z.array(z.string())]);

/** IAM's own spelling, so a real statement can be pasted in; other keys (Condition, ...) are refused. */
const iamStatement = z.strictObject({
  Effect: z.enum(["Allow", "Deny"]),
  Action: stringOrList,
  Resource: stringOrList,
  Sid: z.string().optional(),
});

/** A role policy statement as Terraform renders it: IAM's spelling, conditions included. */
const roleStatement = z.strictObject({
  Effect: z.enum(["Allow", "Deny"]),
  Action: stringOrList,
  Resource: stringOrList,
  Sid: z.string().optional(),
  Condition: z.record(z.string(), z.record(z.string(), stringOrList)).optional(),
});

const principal = z.strictObject({
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
  sessionToken: z.string().optional(),
  arn: z.string().regex(/^arn:aws:(iam|sts)::\d{12}:/, "an IAM user or assumed-role ARN"),
  userId: z.string().optional(),
  policies: z.array(iamStatement),
});

const localValue = z.enum([
  "cognito-jwks-uri",
  "gemini-stub-url",
  "gemini-stub-api-key",
  "ssm-endpoint",
  "allow-non-loopback-http",
]);

const functionConfig = z.strictObject({
  urlId: z.string().min(1),
  functionName: z.string().min(1),
  authType: z.enum(["AWS_IAM", "NONE"]),
  invokeMode: z.enum(["RESPONSE_STREAM", "BUFFERED"]),
  cors: cors.optional(),
  handler: z.string().min(1),
  codeFrom: z.enum(["source", "artifact"]),
  artifact: z.string().min(1).optional(),
  watch: z.array(z.string().min(1)).optional(),
  sourceEntry: z.string(),
  bundleEntry: z.string().min(1),
  useBundle: z.boolean(),
  runtime: z.string().min(1),
  timeoutSeconds: z.number().int().min(1).max(900),
  memoryMb: z.number().int().min(128).max(10240),
  reservedConcurrency: z.number().int().min(0).optional(),
  maxContainers: z.number().int().positive(),
  initConcurrency: z.number().int().positive().optional(),
  idleTimeoutSeconds: z.number().int().min(0).optional(),
  precompile: z.boolean().optional(),
  environment: z.record(z.string(), z.string()),
  localEnvironment: z.record(z.string(), localValue).optional(),
  secretParameter: z
    .strictObject({
      nameVariable: z.string().min(1),
      valueVariable: z.string().min(1),
      value: z.enum(["gemini-stub-api-key"]),
    })
    .optional(),
  logging: z
    .strictObject({
      logFormat: z.enum(["Text", "JSON"]),
      applicationLogLevel: z.enum(APPLICATION_LEVELS).optional(),
      systemLogLevel: z.enum(SYSTEM_LEVELS).optional(),
    })
    .optional(),
  permissions: z.array(permission),
  principals: z.array(principal).optional(),
  containerRuntime: z.enum(["ric", "worker"]).optional(),
  delivery: z.strictObject({
    mode: z.enum(["immediate", "lambda"]),
    thresholdBytes: z.number().int().positive(),
    maxHoldMs: z.number().int().min(0).optional(),
  }),
  executionRole: z.strictObject({
    name: z.string().min(1),
    arn: z.string().regex(/^arn:aws:iam::\d{12}:role\//, "an IAM role ARN"),
    statements: z.array(roleStatement),
  }),
  apiKeySource: z.enum(["ssm", "environment"]).optional(),
  responseLimits: z.strictObject({
    maxBytes: z.number().int().positive(),
    burstBytes: z.number().int().positive(),
    bytesPerSecond: z.number().int().positive(),
  }),
  initTimeoutSeconds: z.number().positive(),
});

const functionUrl = functionConfig.extend({ host, port });

const ssm = z.strictObject({
  host,
  port,
  parameterKmsKeyArn: z
    .string()
    .regex(/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\//, "a KMS key ARN")
    .optional(),
  kmsKeyVariable: z.string().min(1).optional(),
  awsManagedKeyId: z.string().min(1),
  requireDecryptOnAwsManagedKey: z.boolean().optional(),
});

const cacheBehavior = {
  allowedMethods: z.array(httpMethod),
  cachedMethods: z.array(httpMethod),
  cachePolicyId: z.string(),
  originRequestPolicyId: z.string(),
  originRequestPolicy: z
    .strictObject({
      name: z.string().min(1),
      headerBehavior: z.enum([
        "none",
        "whitelist",
        "allViewer",
        "allViewerAndWhitelistCloudFront",
        "allExcept",
      ]),
      headers: z.array(z.string()),
      cookieBehavior: z.enum(["none", "whitelist", "allExcept", "all"]),
      queryStringBehavior: z.enum(["none", "whitelist", "allExcept", "all"]),
    })
    .optional(),
  viewerRequestFunction: z
    .strictObject({ name: z.string().min(1), file: z.string().min(1), runtime: z.string().min(1) })
    .optional(),
  originFunction: z.string().min(1).optional(),
  originId: z.string().min(1).optional(),
  originReadTimeoutSeconds: z.number().positive(),
  oac: z
    .strictObject({
      originType: z.literal("lambda"),
      signingBehavior: z.enum(["always", "no-override", "never", "always-amz-auth"]),
      signingProtocol: z.literal("sigv4"),
    })
    .optional(),
};

const distribution = z.strictObject({
  distributionId: z.string().min(1),
  domainName: z.string().min(1),
  ...cacheBehavior,
  orderedBehaviors: z.array(z.strictObject({ pathPattern: z.string().min(1), ...cacheBehavior })).optional(),
});

const cloudfront = distribution.extend({ host, port, endpointPath: z.string().startsWith("/").optional() });

const credential = z.strictObject({
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
  sessionToken: z.string().optional(),
  principal: z.string().min(1),
  accountId: z.string().regex(/^\d{12}$/, "a 12-digit account id"),
  userId: z.string().min(1),
  sourceArn: z.string().optional(),
  identityPolicies: z.array(iamStatement).optional(),
});

export const stackConfigSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2}-(gov-)?[a-z]+-\d$/, "an AWS region such as us-east-1"),
  accountId: z.string().regex(/^\d{12}$/, "a 12-digit account id"),
  stateDir: z.string().min(1),
  cognito,
  gemini,
  functionUrl,
  functions: z.record(z.string(), functionConfig).optional(),
  cloudfront,
  distributions: z.record(z.string(), distribution).optional(),
  ssm,
  playground: z.strictObject({ host, port }),
  credentials: z.strictObject({
    cloudfront: credential,
    others: z.array(credential),
    functionRole: z.strictObject({
      accessKeyId: z.string().min(1),
      secretAccessKey: z.string().min(1),
      sessionToken: z.string().min(1),
    }),
  }),
});

// Compile-time: the schema describes exactly `StackConfig`, no more and no less.
// (The generic-function form compares optional properties too, which mutual assignability does not.)
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesTypes: Same<z.infer<typeof stackConfigSchema>, StackConfig> = true;
void schemaMatchesTypes;
