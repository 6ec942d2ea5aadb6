/**
 * The offline stack's configuration: one typed shape shared by every emulated service.
 *
 * Defaults live in `defaults.ts`; the Terraform reader (`emulator/terraform/`) overlays the values
 * the deployment describes; environment variables and an optional config file overlay last. The
 * shapes of what Terraform describes (permissions, CORS, logging, OAC) are the reader's own fact
 * types (`emulator/terraform/facts.ts`), re-exported here.
 */
import type { CorsConfig, ExecutionRoleFacts, LambdaLogging, LambdaPermission } from "../terraform/facts.js";

export type {
  CloudFrontFunctionSource,
  CorsConfig,
  HttpMethod,
  IamStatement,
  LambdaAction,
  LambdaLogging,
  LambdaPermission,
  OacSigningBehavior,
  OriginRequestPolicy,
} from "../terraform/facts.js";

import type { CloudFrontConfig, DistributionConfig } from "./cloudfront-types.js";
import type { LocalCredential, LocalPrincipal, RoleSessionKeys } from "./principal-types.js";

export type {
  CacheBehaviorConfig,
  CloudFrontConfig,
  DistributionConfig,
  OrderedCacheBehaviorConfig,
} from "./cloudfront-types.js";

export type {
  IamPolicyStatement,
  LocalCredential,
  LocalPrincipal,
  RoleSessionKeys,
} from "./principal-types.js";

/** The function's execution role: name, ARN and the statements of its inline policies (from Terraform). */
export type ExecutionRole = ExecutionRoleFacts;

export interface DemoUser {
  username: string;
  password: string;
  email: string;
  groups: string[];
  /** Stable `sub` (a UUID), so tokens minted across restarts name the same user. */
  sub: string;
}

export interface CognitoConfig {
  host: string;
  port: number;
  /** AWS-shaped pool id: `^[a-z]{2}-(gov-)?[a-z]+-\d_[A-Za-z0-9]+$`; the region is its prefix. */
  userPoolId: string;
  /** The app client id: the ID token's `aud`, the access token's `client_id`. */
  clientId: string;
  users: DemoUser[];
  idTokenTtlSeconds: number;
  accessTokenTtlSeconds: number;
  /**
   * The app client's PreventUserExistenceErrors. Unset or false = `LEGACY` (the API default:
   * unknown user -> UserNotFoundException); true = `ENABLED` (unknown user -> NotAuthorizedException).
   */
  preventUserExistenceErrors?: boolean;
}

export interface ScriptedReply {
  /** Regular expression source, tested case-insensitively against the last user message. */
  pattern: string;
  reply: string;
}

export interface GeminiStubConfig {
  host: string;
  port: number;
  /** The only API key the stub accepts. */
  apiKey: string;
  /**
   * What a model past its end gets (the catalogue is the lifecycle table, emulator/gemini/catalogue.ts):
   * `not-found`, Google's 404 (default), or `routed`, an answer from the successor Google's notices name.
   */
  retiredModels: "not-found" | "routed";
  /** Characters per streamed piece. */
  pieceSize: number;
  /** Pause between pieces, in milliseconds. */
  pieceDelayMs: number;
  scripted: ScriptedReply[];
}

/**
 * One function with its Function URL (Terraform's `aws_lambda_function`, `aws_lambda_function_url`), its
 * permissions and role, and how the emulator runs it. Every URL is served on the one Function URL listener
 * (`functionUrl.host`/`port`), told apart by its virtual host, as AWS tells them apart by theirs.
 */
export interface FunctionConfig {
  /** The url-id: first label of `<url-id>.lambda-url.<region>.on.aws`. */
  urlId: string;
  functionName: string;
  authType: "AWS_IAM" | "NONE";
  invokeMode: "RESPONSE_STREAM" | "BUFFERED";
  cors?: CorsConfig;
  /** Lambda `handler` setting, e.g. `index.handler`. */
  handler: string;
  /**
   * Which code runs. `source`: `sourceEntry` compiled (or `bundleEntry` with `useBundle`), reloaded on a
   * change under `watch`, as this project runs `handler/`. `artifact`: the zip Terraform deploys
   * (`artifact`), unpacked and run as Lambda runs it, so a packaging mistake shows up offline.
   */
  codeFrom: "source" | "artifact";
  /** The deployment package Terraform's `filename` names (absolute); what `codeFrom: "artifact"` runs. */
  artifact?: string;
  /** Folders whose changes reload a function that runs from source (`npm start`, `npm run serve`). */
  watch?: string[];
  /** TypeScript source entry used in dev (`handler/src/index.ts`). */
  sourceEntry: string;
  /** Built bundle (`dist/handler/index.mjs`); preferred when `useBundle` is true. */
  bundleEntry: string;
  useBundle: boolean;
  runtime: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** Reserved concurrency; undefined means unreserved (limited by `maxContainers`). */
  reservedConcurrency?: number;
  /** How many containers (worker threads) may run at once. */
  maxContainers: number;
  /**
   * Emulator only: how many cold starts (Init phases) may run at once; more requests wait for an init
   * slot or a warm container. Default: os.availableParallelism(). Real Lambda has no such gate.
   */
  initConcurrency?: number;
  /** Emulator only: recycle a container idle this many seconds (0 = never). Default 300. */
  idleTimeoutSeconds?: number;
  /** Emulator only: compile a TypeScript handler once with esbuild instead of tsx in every container. Default true. */
  precompile?: boolean;
  /** The function's own environment, as Lambda would set it (not the emulator's process env). */
  environment: Record<string, string>;
  /**
   * Local-only values added to the function's environment, by variable name (function-environment.ts):
   * addresses of the local stack Terraform never names. Another module's functions get none by default.
   */
  localEnvironment?: Record<string, LocalValue>;
  /**
   * A SecureString the function reads through SSM: its name is the value of `nameVariable` in the
   * function's environment (as Terraform sets it), the stack holds `value` under that name (emulator/ssm/),
   * and `apiKeySource: "environment"` gives the function `valueVariable` directly instead.
   */
  secretParameter?: { nameVariable: string; valueVariable: string; value: LocalSecret };
  /** Lambda `LoggingConfig` (advanced logging controls); absent means Lambda's default, Text. */
  logging?: LambdaLogging;
  permissions: LambdaPermission[];
  /**
   * Local IAM principals that may sign requests to the URL themselves, each with its identity-based
   * policies (see `LocalPrincipal`). Same account: allowed by the resource policy OR its own policies;
   * another account: needs both (Lambda guide, urls-auth). Default: none.
   */
  principals?: LocalPrincipal[];
  /**
   * Emulator only: what runs each container. `ric`: a child process running AWS's own runtime client
   * (aws-lambda-ric) against a local Runtime API, the default for `npm start`; `worker`: a worker thread
   * with the emulator's own runtime, faster to start, held to `ric` by the conformance suite.
   * Environment: FUNCTION_RUNTIME=ric|worker. Unset means `worker`.
   */
  containerRuntime?: "ric" | "worker";
  /** How the function's writes reach the client (`function-url/response/response-delivery.ts`). */
  delivery: DeliveryConfig;
  /**
   * The function's execution role, whose inline policies decide what its SSM call may do (`emulator/ssm/`).
   * Terraform's `aws_lambda_function.role` replaces the default (which mirrors terraform/iam.tf).
   */
  executionRole: ExecutionRole;
  /**
   * Where the function gets its `secretParameter`: `ssm` (unset means this), as deployed, through the emulated
   * SSM with its role's credentials; `environment`, the shortcut, set directly. FUNCTION_API_KEY_SOURCE.
   */
  apiKeySource?: "ssm" | "environment";
  /** Lambda's limits on a streamed response (`function-url/response/response-meter.ts`); AWS's by default. */
  responseLimits: ResponseLimits;
  /** The Init phase's limit (Lambda: 10 s); past it, Init is retried inside the first invocation. */
  initTimeoutSeconds: number;
}

/**
 * A value of the local stack a function can be given (`localEnvironment`); `allow-non-loopback-http` is
 * `true` only when a local service the function reaches over http is beyond loopback.
 */
export type LocalValue =
  | "cognito-jwks-uri"
  | "gemini-stub-url"
  | LocalSecret
  | "ssm-endpoint"
  | "allow-non-loopback-http";

/** A secret the local stack holds: the key the Gemini stub accepts. */
export type LocalSecret = "gemini-stub-api-key";

/** The module's first (or only) function, and where the Function URL service listens for every URL. */
export interface FunctionUrlConfig extends FunctionConfig {
  host: string;
  port: number;
}

/**
 * The emulated SSM Parameter Store (`emulator/ssm/`): `GetParameter` with decryption of the function's
 * SecureString, checked against the execution role's policy.
 */
export interface SsmConfig {
  host: string;
  port: number;
  /**
   * The customer managed KMS key encrypting the function's parameter (Terraform's
   * `gemini_api_key_kms_key_arn`); absent means SSM's default, the AWS managed key `alias/aws/ssm`.
   */
  parameterKmsKeyArn?: string;
  /**
   * The module's input naming that customer managed key, when it has one (this project's
   * `gemini_api_key_kms_key_arn`); absent: the module declares none.
   */
  kmsKeyVariable?: string;
  /** Key id of the local stand-in for the AWS managed key `alias/aws/ssm` (a UUID). */
  awsManagedKeyId: string;
  /**
   * Assumption, harsher reading: also require `kms:Decrypt` in the role's policy for a parameter under the
   * AWS managed key. Default false: that key's policy lets every principal of the account decrypt through
   * SSM (Parameter Store setup page). Sources disagree (ssm/README.md); the module passes under both.
   */
  requireDecryptOnAwsManagedKey?: boolean;
}

export type DeliveryMode = "immediate" | "lambda";

/**
 * `immediate` (default): every write is delivered as it comes, as the Runtime Interface Emulator's sandbox
 * does (its `FlushingWriter` flushes after every chunk). `lambda`: the harsher reading of public reports
 * (aws/aws-lambda-nodejs-runtime-interface-client#94 and aws/aws-lambda-nodejs-runtime-interface-client#102),
 * a setting: small writes are held until `thresholdBytes` accumulate or the stream ends (or, when set,
 * `maxHoldMs` passed).
 */
export interface DeliveryConfig {
  mode: DeliveryMode;
  /** `lambda` mode: held bytes go out once at least this many have accumulated. */
  thresholdBytes: number;
  /** `lambda` mode: held bytes also go out this long after the first of them was held; unset = never. */
  maxHoldMs?: number;
}

/**
 * What Lambda's sandbox meters on a streaming invocation's response (RIE `interop/model.go`,
 * `core/directinvoke`): a size cap, and a token bucket that lets a burst through and then paces the
 * rest. Tests make them small; the defaults are AWS's.
 */
export interface ResponseLimits {
  /** Bytes of the runtime's response (prelude included) after which the response is cut: 200 MB. */
  maxBytes: number;
  /** The bucket's size, full at the start: 6 MiB. */
  burstBytes: number;
  /** The bucket's refill rate (added every 125 ms): 2 MiB/s. */
  bytesPerSecond: number;
}

export interface PlaygroundConfig {
  host: string;
  port: number;
}

export interface StackConfig {
  region: string;
  accountId: string;
  /** Git-ignored folder for signing keys and other state that survives a restart. */
  stateDir: string;
  cognito: CognitoConfig;
  gemini: GeminiStubConfig;
  /** The module's first function and URL; with the listener every URL is served on. */
  functionUrl: FunctionUrlConfig;
  /**
   * The module's other functions with a URL, by function name (a config file patches one by its name).
   * Absent or empty for a module with one function.
   */
  functions?: Record<string, FunctionConfig>;
  /** The module's first distribution; with the listener every distribution is served on. */
  cloudfront: CloudFrontConfig;
  /**
   * The module's other distributions, by Terraform resource name; each answers to its own domain
   * (`Host: <domainName>`) on CloudFront's listener. Absent or empty for a module with one.
   */
  distributions?: Record<string, DistributionConfig>;
  ssm: SsmConfig;
  playground: PlaygroundConfig;
  /** Local IAM: the CloudFront service principal, named test principals, and the function's role session. */
  credentials: {
    cloudfront: LocalCredential;
    others: LocalCredential[];
    /**
     * The execution role's session keys Lambda gives the function (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
     * AWS_SESSION_TOKEN); its caller ARN is `arn:aws:sts::<account>:assumed-role/<role>/<function>`.
     */
    functionRole: RoleSessionKeys;
  };
}
