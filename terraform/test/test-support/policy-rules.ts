import { readFileSync } from "node:fs";
import {
  MANAGED_CACHE_POLICY_IDS,
  MANAGED_ORIGIN_REQUEST_POLICY_IDS,
} from "../../../emulator/aws/cloudfront-managed-policies.js";
import { FileValue, ResourceRef, type Value } from "../../../emulator/terraform/expression.js";
import type { PolicyModule } from "./policy-module.js";

/**
 * Security and fidelity rules for terraform/, checked offline on the parsed HCL. Each returns its
 * violations (empty = the rule holds). `id` names the fixture folder that breaks it.
 */
export interface PolicyRule {
  id: string;
  title: string;
  check(module: PolicyModule): Promise<string[]>;
}

// CloudFront API reference, AllowedMethods / CachedMethods: the only accepted sets.
const VALID_ALLOWED_SETS = [
  ["GET", "HEAD"],
  ["GET", "HEAD", "OPTIONS"],
  ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
];
const VALID_CACHED_SETS = [
  ["GET", "HEAD"],
  ["GET", "HEAD", "OPTIONS"],
];
const CACHING_DISABLED = MANAGED_CACHE_POLICY_IDS.CachingDisabled;
const ALL_VIEWER_EXCEPT_HOST_HEADER = MANAGED_ORIGIN_REQUEST_POLICY_IDS.AllViewerExceptHostHeader;
// Lambda runtimes page: nodejs20.x is deprecated from 2026-04-30. Assumption: nodejs24.x is also acceptable.
const SUPPORTED_RUNTIMES = ["nodejs22.x", "nodejs24.x"];
// Shared design: set only by the emulator, never by a deployment.
const LOCAL_ONLY_ENVIRONMENT = ["COGNITO_JWKS_URI", "GEMINI_BASE_URL", "GEMINI_API_KEY"];
// handler/src/endpoint-guard.ts: the local stack's opt-in to plain http beyond loopback.
LOCAL_ONLY_ENVIRONMENT.push("ALLOW_NON_LOOPBACK_HTTP");
const PINNED_ENVIRONMENT = [
  "COGNITO_USER_POOL_ID",
  "COGNITO_CLIENT_ID",
  "GEMINI_API_KEY_PARAMETER",
  "GEMINI_MODEL",
  "GEMINI_SDK",
  "AUTH_TOKEN_HEADER",
  "MODEL_TIMEOUT_MS",
  "KEEPALIVE_MS",
  "SPOILER_MAX_CODE_LINES",
  "LOG_LEVEL",
];
const SECRET_VALUE_PATTERNS = [
  /AIza[0-9A-Za-z_-]{30,}/, // Google API key
  /(A3T[A-Z0-9]|AKIA|ASIA)[A-Z0-9]{16}/, // AWS access key id
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];
const SECRET_NAME = /(API_KEY|SECRET|PASSWORD|PRIVATE_KEY|ACCESS_KEY)$/;

const isRef = (v: Value | undefined, type: string, attribute: string) =>
  v instanceof ResourceRef && v.type === type && v.attribute === attribute;

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().every((m, i) => m === b[i]);

export const POLICY_RULES: PolicyRule[] = [
  {
    id: "function-url-auth-type",
    title: "Function URL uses AWS_IAM authorization",
    async check(m) {
      const urls = m.resources("aws_lambda_function_url");
      if (urls.length === 0) return ["no aws_lambda_function_url"];
      const out: string[] = [];
      for (const url of urls) {
        const auth = await m.value(url, ["authorization_type"]);
        if (auth !== "AWS_IAM") out.push(`${url.name}: authorization_type ${String(auth)}`);
      }
      return out;
    },
  },
  {
    id: "function-url-invoke-mode",
    title: "Function URL streams (invoke_mode RESPONSE_STREAM)",
    async check(m) {
      const urls = m.resources("aws_lambda_function_url");
      if (urls.length === 0) return ["no aws_lambda_function_url"];
      const out: string[] = [];
      for (const url of urls) {
        const mode = await m.value(url, ["invoke_mode"]);
        if (mode !== "RESPONSE_STREAM") out.push(`${url.name}: invoke_mode ${String(mode)}`);
      }
      return out;
    },
  },
  {
    id: "oac-lambda-always-sigv4",
    title: "origin uses an OAC of type lambda, signing always with sigv4",
    async check(m) {
      const out: string[] = [];
      for (const dist of m.resources("aws_cloudfront_distribution")) {
        const ref = await m.value(dist, ["origin", "origin_access_control_id"]);
        if (!(ref instanceof ResourceRef) || ref.type !== "aws_cloudfront_origin_access_control") {
          out.push(`${dist.name}: origin has no origin_access_control_id`);
          continue;
        }
        const oac = m.resources(ref.type).find((r) => r.name === ref.name);
        if (!oac) {
          out.push(`${dist.name}: OAC ${ref.name} not in module`);
          continue;
        }
        const expected = {
          origin_access_control_origin_type: "lambda",
          signing_behavior: "always",
          signing_protocol: "sigv4",
        };
        for (const [attr, want] of Object.entries(expected)) {
          const got = await m.value(oac, [attr]);
          if (got !== want) out.push(`${oac.name}: ${attr} ${String(got)} (want ${want})`);
        }
      }
      return out.length || m.resources("aws_cloudfront_distribution").length ? out : ["no distribution"];
    },
  },
  {
    id: "allowed-methods",
    title: "allowed methods are a valid CloudFront set containing POST and OPTIONS; cached methods valid",
    async check(m) {
      const out: string[] = [];
      for (const dist of m.resources("aws_cloudfront_distribution")) {
        const allowed = ((await m.value(dist, ["default_cache_behavior", "allowed_methods"])) ??
          []) as string[];
        if (!VALID_ALLOWED_SETS.some((set) => sameSet(allowed, set))) {
          out.push(
            `${dist.name}: allowed_methods ${JSON.stringify(allowed)} is not a set CloudFront accepts`,
          );
        }
        for (const needed of ["POST", "OPTIONS"]) {
          if (!allowed.includes(needed)) out.push(`${dist.name}: allowed_methods lacks ${needed}`);
        }
        const cached = ((await m.value(dist, ["default_cache_behavior", "cached_methods"])) ??
          []) as string[];
        if (!VALID_CACHED_SETS.some((set) => sameSet(cached, set))) {
          out.push(`${dist.name}: cached_methods ${JSON.stringify(cached)} is not a set CloudFront accepts`);
        }
      }
      return out;
    },
  },
  {
    id: "managed-policies",
    title: "behavior uses CachingDisabled and AllViewerExceptHostHeader",
    async check(m) {
      const out: string[] = [];
      for (const dist of m.resources("aws_cloudfront_distribution")) {
        const cache = await m.value(dist, ["default_cache_behavior", "cache_policy_id"]);
        if (cache !== CACHING_DISABLED) out.push(`${dist.name}: cache_policy_id ${String(cache)}`);
        const originRequest = await m.value(dist, ["default_cache_behavior", "origin_request_policy_id"]);
        if (originRequest !== ALL_VIEWER_EXCEPT_HOST_HEADER) {
          out.push(`${dist.name}: origin_request_policy_id ${String(originRequest)}`);
        }
      }
      return out;
    },
  },
  {
    id: "lambda-permissions",
    title:
      "CloudFront has lambda:InvokeFunctionUrl and lambda:InvokeFunction, each bound to the distribution",
    async check(m) {
      const out: string[] = [];
      for (const action of ["lambda:InvokeFunctionUrl", "lambda:InvokeFunction"]) {
        const matches = [];
        for (const p of m.resources("aws_lambda_permission")) {
          if ((await m.value(p, ["action"])) === action) matches.push(p);
        }
        if (matches.length === 0) out.push(`no permission for ${action}`);
        for (const p of matches) {
          if ((await m.value(p, ["principal"])) !== "cloudfront.amazonaws.com") {
            out.push(`${p.name}: principal is not cloudfront.amazonaws.com`);
          }
          if (!isRef(await m.value(p, ["source_arn"]), "aws_cloudfront_distribution", "arn")) {
            out.push(`${p.name}: source_arn is not the distribution's ARN`);
          }
          if (
            action === "lambda:InvokeFunctionUrl" &&
            (await m.value(p, ["function_url_auth_type"])) !== "AWS_IAM"
          ) {
            out.push(`${p.name}: function_url_auth_type is not AWS_IAM`);
          }
        }
      }
      return out;
    },
  },
  {
    id: "environment-local-only",
    title: "Lambda environment has the pinned names and no local-only variables",
    async check(m) {
      const out: string[] = [];
      for (const fn of m.resources("aws_lambda_function")) {
        const env = ((await m.value(fn, ["environment", "variables"])) ?? {}) as Record<string, Value>;
        for (const name of LOCAL_ONLY_ENVIRONMENT)
          if (name in env) out.push(`${fn.name}: sets local-only ${name}`);
        for (const name of PINNED_ENVIRONMENT) if (!(name in env)) out.push(`${fn.name}: lacks ${name}`);
      }
      return out;
    },
  },
  {
    id: "environment-secrets",
    title: "Lambda environment holds no secret literal",
    async check(m) {
      const out: string[] = [];
      for (const fn of m.resources("aws_lambda_function")) {
        const env = ((await m.value(fn, ["environment", "variables"])) ?? {}) as Record<string, Value>;
        for (const [name, value] of Object.entries(env)) {
          if (SECRET_NAME.test(name))
            out.push(`${fn.name}: ${name} looks like a secret; use an SSM parameter name`);
          if (typeof value === "string" && SECRET_VALUE_PATTERNS.some((p) => p.test(value))) {
            out.push(`${fn.name}: ${name} holds a secret-looking value`);
          }
        }
      }
      return out;
    },
  },
  {
    id: "https-only",
    title: "viewers and origin both use HTTPS only",
    async check(m) {
      const out: string[] = [];
      for (const dist of m.resources("aws_cloudfront_distribution")) {
        const viewer = await m.value(dist, ["default_cache_behavior", "viewer_protocol_policy"]);
        if (viewer !== "https-only") out.push(`${dist.name}: viewer_protocol_policy ${String(viewer)}`);
        const origin = await m.value(dist, ["origin", "custom_origin_config", "origin_protocol_policy"]);
        if (origin !== "https-only") out.push(`${dist.name}: origin_protocol_policy ${String(origin)}`);
      }
      return out;
    },
  },
  {
    id: "viewer-request-function",
    title: "a cloudfront-js-2.0 function from its own .js file is attached on viewer-request",
    async check(m) {
      const out: string[] = [];
      for (const dist of m.resources("aws_cloudfront_distribution")) {
        const eventType = await m.value(dist, [
          "default_cache_behavior",
          "function_association",
          "event_type",
        ]);
        const ref = await m.value(dist, ["default_cache_behavior", "function_association", "function_arn"]);
        if (eventType !== "viewer-request" || !isRef(ref, "aws_cloudfront_function", "arn")) {
          out.push(`${dist.name}: no CloudFront Function on viewer-request`);
          continue;
        }
        const fn = m.resources("aws_cloudfront_function").find((f) => f.name === (ref as ResourceRef).name);
        if (!fn) {
          out.push(`${dist.name}: function not in module`);
          continue;
        }
        if ((await m.value(fn, ["runtime"])) !== "cloudfront-js-2.0")
          out.push(`${fn.name}: runtime is not cloudfront-js-2.0`);
        const code = await m.value(fn, ["code"]);
        if (!(code instanceof FileValue)) out.push(`${fn.name}: code is not read with file()`);
        else if (!/x-forwarded-authorization/.test(readFileSync(code.path, "utf8"))) {
          out.push(`${fn.name}: ${code.path} does not set x-forwarded-authorization`);
        }
      }
      return out;
    },
  },
  {
    id: "runtime-supported",
    title: `Lambda runtime is supported (${SUPPORTED_RUNTIMES.join(", ")})`,
    async check(m) {
      const out: string[] = [];
      for (const fn of m.resources("aws_lambda_function")) {
        const runtime = await m.value(fn, ["runtime"]);
        if (!SUPPORTED_RUNTIMES.includes(String(runtime))) out.push(`${fn.name}: runtime ${String(runtime)}`);
      }
      return out;
    },
  },
  {
    // Lambda developer guide, "Log-level filtering": levels apply only in the JSON format; the handler's
    // lines are JSON already, and the application level reaches it as AWS_LAMBDA_LOG_LEVEL.
    id: "lambda-logging-json",
    title: "Lambda logs in the JSON format with an application log level (advanced logging controls)",
    async check(m) {
      const out: string[] = [];
      for (const fn of m.resources("aws_lambda_function")) {
        const format = await m.value(fn, ["logging_config", "log_format"]);
        if (format !== "JSON") out.push(`${fn.name}: log_format ${String(format ?? "unset (Text)")}`);
        const level = await m.value(fn, ["logging_config", "application_log_level"]);
        if (level === undefined || level === null) out.push(`${fn.name}: no application_log_level`);
      }
      return out;
    },
  },
  {
    id: "read-timeout-keepalive",
    title: "origin read timeout is longer than the keep-alive interval",
    async check(m) {
      const out: string[] = [];
      const fn = m.resources("aws_lambda_function")[0];
      const env = fn
        ? (((await m.value(fn, ["environment", "variables"])) ?? {}) as Record<string, Value>)
        : {};
      const keepaliveMs = Number(env.KEEPALIVE_MS);
      for (const dist of m.resources("aws_cloudfront_distribution")) {
        const timeout = Number(
          (await m.value(dist, ["origin", "custom_origin_config", "origin_read_timeout"])) ?? 30,
        );
        if (!(keepaliveMs < timeout * 1000))
          out.push(`${dist.name}: keep-alive ${keepaliveMs} ms >= read timeout ${timeout} s`);
      }
      return out;
    },
  },
  {
    id: "state-backend",
    title: "state in S3 under chatbot/terraform.tfstate, with locking",
    async check(m) {
      const backend = m.mod.backend;
      if (backend?.type !== "s3") return ["no s3 backend"];
      const out: string[] = [];
      if (backend.body.key !== "chatbot/terraform.tfstate")
        out.push(`backend key ${String(backend.body.key)}`);
      if (backend.body.use_lockfile !== true && !backend.body.dynamodb_table)
        out.push("backend has no state locking");
      return out;
    },
  },
  {
    id: "execution-role-scoped",
    title: "execution role names its actions and resources (no wildcards beyond the log streams)",
    async check(m) {
      const out: string[] = [];
      for (const doc of m.data("aws_iam_policy_document")) {
        const statements = ((await m.value(doc, ["statement"])) ?? []) as Record<string, Value>[];
        for (const statement of statements) {
          const label = `${doc.name}/${String(statement.sid ?? "statement")}`;
          for (const action of (statement.actions ?? []) as Value[]) {
            if (typeof action === "string" && action.includes("*")) out.push(`${label}: action ${action}`);
          }
          for (const resource of (statement.resources ?? []) as Value[]) {
            if (typeof resource === "string" && resource.includes("*"))
              out.push(`${label}: resource ${resource}`);
          }
        }
      }
      return out;
    },
  },
  {
    id: "provider-pinned",
    title: "AWS provider pinned to the 6.x major version",
    async check(m) {
      const aws = m.mod.requiredProviders.aws;
      if (!aws) return ["aws provider not in required_providers"];
      const out: string[] = [];
      if (aws.source !== "hashicorp/aws") out.push(`aws source ${String(aws.source)}`);
      if (typeof aws.version !== "string" || !/^~>\s*6\.\d+(\.\d+)?$/.test(aws.version)) {
        out.push(`aws version ${String(aws.version)} is not pinned to 6.x with ~>`);
      }
      return out;
    },
  },
];
