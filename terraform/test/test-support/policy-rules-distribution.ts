/**
 * Policy rules on the CloudFront distribution: its OAC, methods, managed policies, protocols, the
 * viewer-request function and the origin read timeout.
 */
import { readFileSync } from "node:fs";
import {
  MANAGED_CACHE_POLICY_IDS,
  MANAGED_ORIGIN_REQUEST_POLICY_IDS,
} from "../../../emulator/aws/cloudfront-managed-policies.js";
import { FileValue, ResourceRef, type Value } from "../../../emulator/terraform/expression.js";
import { isRef, type PolicyRule } from "./policy-rule.js";

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

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().every((m, i) => m === b[i]);

export const oacLambdaAlwaysSigv4: PolicyRule = {
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
};

export const allowedMethods: PolicyRule = {
  id: "allowed-methods",
  title: "allowed methods are a valid CloudFront set containing POST and OPTIONS; cached methods valid",
  async check(m) {
    const out: string[] = [];
    for (const dist of m.resources("aws_cloudfront_distribution")) {
      const allowed = ((await m.value(dist, ["default_cache_behavior", "allowed_methods"])) ??
        []) as string[];
      if (!VALID_ALLOWED_SETS.some((set) => sameSet(allowed, set))) {
        out.push(`${dist.name}: allowed_methods ${JSON.stringify(allowed)} is not a set CloudFront accepts`);
      }
      for (const needed of ["POST", "OPTIONS"]) {
        if (!allowed.includes(needed)) out.push(`${dist.name}: allowed_methods lacks ${needed}`);
      }
      const cached = ((await m.value(dist, ["default_cache_behavior", "cached_methods"])) ?? []) as string[];
      if (!VALID_CACHED_SETS.some((set) => sameSet(cached, set))) {
        out.push(`${dist.name}: cached_methods ${JSON.stringify(cached)} is not a set CloudFront accepts`);
      }
    }
    return out;
  },
};

export const managedPolicies: PolicyRule = {
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
};

export const httpsOnly: PolicyRule = {
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
};

export const viewerRequestFunction: PolicyRule = {
  id: "viewer-request-function",
  title: "a cloudfront-js-2.0 function from its own .js file is attached on viewer-request",
  async check(m) {
    const out: string[] = [];
    for (const dist of m.resources("aws_cloudfront_distribution")) {
      const eventType = await m.value(dist, ["default_cache_behavior", "function_association", "event_type"]);
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
};

export const readTimeoutKeepalive: PolicyRule = {
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
};
