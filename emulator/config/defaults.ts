import path from "node:path";
import { fileURLToPath } from "node:url";
import { cloudFrontDistributionArn, iamRoleArn, kmsKeyArn, ssmParameterArn } from "../aws/arns.js";
import {
  MANAGED_CACHE_POLICY_IDS,
  MANAGED_ORIGIN_REQUEST_POLICY_IDS,
} from "../aws/cloudfront-managed-policies.js";
import {
  INIT_TIMEOUT_SECONDS,
  MAX_STREAMED_RESPONSE_BYTES,
  RESPONSE_BANDWIDTH_BURST_BYTES,
  RESPONSE_BANDWIDTH_BYTES_PER_SECOND,
} from "../aws/lambda-limits.js";
import { urlDomain } from "./functions.js";

export { lambdaLogEnvironment, localFunctionEnvironment } from "./function-environment.js";

import type { FunctionConfig, StackConfig } from "./types.js";

/** Repository root, so paths work whatever the current directory is. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Environment variables that override the pinned ports (named in "port in use" errors). */
export const PORT_ENV = {
  cloudfront: "CLOUDFRONT_PORT",
  functionUrl: "FUNCTION_URL_PORT",
  cognito: "COGNITO_PORT",
  gemini: "GEMINI_STUB_PORT",
  ssm: "SSM_PORT",
  playground: "PLAYGROUND_PORT",
} as const;

const REGION = "us-east-1";
const ACCOUNT_ID = "123456789012";
const DISTRIBUTION_ID = "ELOCALCHATBOT1";
const FUNCTION_NAME = "chatbot-query";
/** As terraform/variables.tf's `gemini_api_key_parameter_name` default. */
const GEMINI_KEY_PARAMETER = "/chatbot/gemini-api-key";
/** The local stand-in for the AWS managed key `alias/aws/ssm` (any UUID: the real one differs per account). */
const AWS_MANAGED_SSM_KEY_ID = "5e0f7a1c-3b2d-4c8e-9f61-0a7b2c4d6e80";

/**
 * The execution role as terraform/iam.tf writes it with the variables' defaults (the AWS managed key); the
 * Terraform overlay replaces it with what the module really says.
 */
function defaultExecutionRole(): StackConfig["functionUrl"]["executionRole"] {
  const name = `${FUNCTION_NAME}-execution`;
  return {
    name,
    arn: iamRoleArn(ACCOUNT_ID, name),
    statements: [
      {
        Sid: "WriteOwnLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [`arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/lambda/${FUNCTION_NAME}:*`],
      },
      {
        Sid: "ReadGeminiKeyParameter",
        Effect: "Allow",
        Action: ["ssm:GetParameter"],
        Resource: [ssmParameterArn(REGION, ACCOUNT_ID, GEMINI_KEY_PARAMETER)],
      },
      {
        Sid: "DecryptGeminiKeyParameter",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: [kmsKeyArn(REGION, ACCOUNT_ID, AWS_MANAGED_SSM_KEY_ID)],
        Condition: { StringEquals: { "kms:ViaService": [`ssm.${REGION}.amazonaws.com`] } },
      },
    ],
  };
}

/**
 * The pinned defaults of the offline twin (docs/interfaces.md#the-offline-twin: ports, identity, demo users).
 * Every value here can be replaced by the Terraform module, a config file or the environment.
 */
export function defaultConfig(): StackConfig {
  const userPoolId = `${REGION}_ChatbotDev`;
  return {
    region: REGION,
    accountId: ACCOUNT_ID,
    stateDir: path.join(REPO_ROOT, ".emulator-state"),
    cognito: {
      host: "127.0.0.1",
      port: 9229,
      userPoolId,
      clientId: "2m1oc4lchatb0tdevcl1ent7x9",
      users: [
        {
          username: "alice",
          password: "Alice-Pass-1",
          email: "alice@example.com",
          groups: ["students"],
          sub: "0a8e3c1e-5d7b-4a7e-9f51-3c1d2b6a9e01",
        },
        {
          username: "bob",
          password: "Bob-Pass-1",
          email: "bob@example.com",
          groups: [],
          sub: "7c2f9b44-1e3a-4d5c-8b6e-2f4a1c9d7e02",
        },
      ],
      idTokenTtlSeconds: 3600,
      accessTokenTtlSeconds: 3600,
    },
    gemini: {
      host: "127.0.0.1",
      port: 8089,
      apiKey: "local-dev-key",
      // The catalogue is the lifecycle table (docs/lifecycle.md); this says what a retired model gets.
      retiredModels: "not-found",
      pieceSize: 24,
      pieceDelayMs: 40,
      scripted: [],
    },
    functionUrl: {
      host: "127.0.0.1",
      port: 9001,
      urlId: "q7chatbotlocaltwin5url2id4abc3de",
      functionName: FUNCTION_NAME,
      authType: "AWS_IAM",
      invokeMode: "RESPONSE_STREAM",
      cors: {
        allowOrigins: ["http://127.0.0.1:5173", "http://localhost:5173"],
        allowMethods: ["POST"],
        allowHeaders: ["authorization", "content-type", "x-amz-content-sha256", "x-amz-date"],
        exposeHeaders: ["x-request-id"],
        allowCredentials: false,
        maxAge: 300,
      },
      handler: "index.handler",
      // From source, reloaded on a change under handler/src; `npm run build` writes the zip Terraform deploys.
      codeFrom: "source",
      artifact: path.join(REPO_ROOT, "dist/chatbot-query.zip"),
      watch: [path.join(REPO_ROOT, "handler/src")],
      sourceEntry: path.join(REPO_ROOT, "handler/src/index.ts"),
      bundleEntry: path.join(REPO_ROOT, "dist/handler/index.mjs"),
      useBundle: false,
      runtime: "nodejs24.x",
      timeoutSeconds: 60,
      memoryMb: 512,
      maxContainers: 200,
      environment: {
        COGNITO_USER_POOL_ID: userPoolId,
        COGNITO_CLIENT_ID: "2m1oc4lchatb0tdevcl1ent7x9",
        GEMINI_API_KEY_PARAMETER: GEMINI_KEY_PARAMETER,
        GEMINI_MODEL: "gemini-3.8-flash",
        AUTH_TOKEN_HEADER: "x-forwarded-authorization",
        MODEL_TIMEOUT_MS: "30000",
        KEEPALIVE_MS: "10000",
        SPOILER_MAX_CODE_LINES: "6",
        LOG_LEVEL: "info",
      },
      // Local-only values Terraform must never set (terraform/test policy rules check it does not).
      localEnvironment: {
        COGNITO_JWKS_URI: "cognito-jwks-uri",
        GEMINI_BASE_URL: "gemini-stub-url",
        AWS_ENDPOINT_URL_SSM: "ssm-endpoint",
        ALLOW_NON_LOOPBACK_HTTP: "allow-non-loopback-http",
      },
      // The Gemini key: a SecureString named by GEMINI_API_KEY_PARAMETER, the stub's key in it.
      secretParameter: {
        nameVariable: "GEMINI_API_KEY_PARAMETER",
        valueVariable: "GEMINI_API_KEY",
        value: "gemini-stub-api-key",
      },
      // As terraform/lambda.tf's logging_config (its defaults), which replaces this when read.
      logging: { logFormat: "JSON", applicationLogLevel: "INFO", systemLogLevel: "INFO" },
      permissions: [
        {
          statementId: "AllowCloudFrontInvokeFunctionUrl",
          action: "lambda:InvokeFunctionUrl",
          principal: "cloudfront.amazonaws.com",
          sourceArn: cloudFrontDistributionArn(ACCOUNT_ID, DISTRIBUTION_ID),
          functionUrlAuthType: "AWS_IAM",
        },
        {
          statementId: "AllowCloudFrontInvokeFunction",
          action: "lambda:InvokeFunction",
          principal: "cloudfront.amazonaws.com",
          sourceArn: cloudFrontDistributionArn(ACCOUNT_ID, DISTRIBUTION_ID),
        },
      ],
      // Local IAM callers with identity-based policies (README, "Function URL"); none by default.
      principals: [],
      // Every write goes out as it comes, as the Runtime Interface Emulator's sandbox flushes each chunk
      // (docs/delivery.md); "lambda" (small writes held, the harsher reading of
      // aws/aws-lambda-nodejs-runtime-interface-client#94) is a setting.
      delivery: { mode: "immediate", thresholdBytes: 16 * 1024 },
      containerRuntime: "ric",
      executionRole: defaultExecutionRole(),
      // As deployed: the key through SSM (the shortcut `environment` sets GEMINI_API_KEY instead).
      apiKeySource: "ssm",
      responseLimits: {
        maxBytes: MAX_STREAMED_RESPONSE_BYTES,
        burstBytes: RESPONSE_BANDWIDTH_BURST_BYTES,
        bytesPerSecond: RESPONSE_BANDWIDTH_BYTES_PER_SECOND,
      },
      initTimeoutSeconds: INIT_TIMEOUT_SECONDS,
    },
    cloudfront: {
      host: "127.0.0.1",
      port: 8080,
      distributionId: DISTRIBUTION_ID,
      domainName: "dlocal1chatbot.cloudfront.net",
      allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"],
      cachedMethods: ["GET", "HEAD"],
      cachePolicyId: MANAGED_CACHE_POLICY_IDS.CachingDisabled,
      originRequestPolicyId: MANAGED_ORIGIN_REQUEST_POLICY_IDS.AllViewerExceptHostHeader,
      originReadTimeoutSeconds: 30,
      viewerRequestFunction: {
        name: "chatbot-forward-authorization",
        file: path.join(REPO_ROOT, "terraform/functions/forward-authorization.js"),
        runtime: "cloudfront-js-2.0",
      },
      oac: { originType: "lambda", signingBehavior: "always", signingProtocol: "sigv4" },
      // The function whose URL the default behaviour's origin is (terraform/cloudfront.tf); none ordered.
      originFunction: FUNCTION_NAME,
      originId: "chatbot-function-url",
      orderedBehaviors: [],
      // The chatbot endpoint a viewer calls (terraform/outputs.tf's chatbot_api_endpoint).
      endpointPath: "/chatbot",
    },
    ssm: {
      host: "127.0.0.1",
      port: 9010,
      // terraform/variables.tf's input naming a customer managed key for the Gemini key's parameter.
      kmsKeyVariable: "gemini_api_key_kms_key_arn",
      awsManagedKeyId: AWS_MANAGED_SSM_KEY_ID,
    },
    playground: { host: "127.0.0.1", port: 5173 },
    credentials: {
      cloudfront: {
        accessKeyId: "AKIALOCALCLOUDFRONT1",
        secretAccessKey: "localCloudFrontSecretKeyForOacSigning0001",
        principal: "cloudfront.amazonaws.com",
        accountId: ACCOUNT_ID,
        userId: "AROALOCALCLOUDFRONTOAC:cloudfront",
        sourceArn: cloudFrontDistributionArn(ACCOUNT_ID, DISTRIBUTION_ID),
      },
      others: [
        {
          // A principal that exists in the account but that the resource policy does not allow.
          accessKeyId: "AKIALOCALINTRUDER001",
          secretAccessKey: "localIntruderSecretKeyNotInThePolicy00001",
          principal: `arn:aws:iam::${ACCOUNT_ID}:user/intruder`,
          accountId: ACCOUNT_ID,
          userId: "AIDALOCALINTRUDER0001",
        },
      ],
      // The role session Lambda would hand the function (temporary keys start with ASIA).
      functionRole: {
        accessKeyId: "ASIALOCALFUNCROLE001",
        secretAccessKey: "localFunctionRoleSessionSecretKey00000001",
        sessionToken: "localFunctionRoleSessionToken/chatbot-query/0001",
      },
    },
  };
}

/** ARN of the emulated distribution, as the Function URL's resource policy sees it. */
export function distributionArn(config: StackConfig): string {
  return cloudFrontDistributionArn(config.accountId, config.cloudfront.distributionId);
}

/** `<url-id>.lambda-url.<region>.on.aws`: the virtual host a function's URL answers to (default: the first's). */
export function functionUrlDomain(config: StackConfig, fn: FunctionConfig = config.functionUrl): string {
  return urlDomain(config.region, fn);
}

/** The stack's endpoint through CloudFront: its first distribution, at `cloudfront.endpointPath`. */
export function stackEndpoint(config: StackConfig): string {
  return `http://${config.cloudfront.host}:${config.cloudfront.port}${config.cloudfront.endpointPath ?? "/"}`;
}

/** This project's chatbot endpoint, the one its frontend and `npm run ask` post to. */
export const chatbotEndpoint = stackEndpoint;
