/**
 * The payload format 2.0 event a Function URL hands to the function. Source:
 * docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html; events captured against AWS in aws/aws-lambda-go
 * `lambdaurl/testdata/*.json`; LocalStack's AWS-validated snapshots
 * (docs/platform-facts.md#function-url-event).
 */
import { randomBytes } from "node:crypto";
import type { LocalCredential } from "../config/types.js";

export interface FunctionUrlEvent {
  version: "2.0";
  routeKey: "$default";
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: {
    accountId: string;
    apiId: string;
    authorizer?: {
      iam: {
        accessKey: string;
        accountId: string;
        callerId: string;
        cognitoIdentity: null;
        principalOrgId: string | null;
        userArn: string;
        userId: string;
      };
    };
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: "$default";
    stage: "$default";
    time: string;
    timeEpoch: number;
  };
  body?: string;
  isBase64Encoded: boolean;
}

export interface EventInput {
  method: string;
  /** Request target as received: path plus optional `?query`. */
  url: string;
  /** Header name -> every value received (Node's `headersDistinct`). */
  headers: Record<string, string[]>;
  body: Uint8Array;
  sourceIp: string;
  requestId: string;
  now: number;
  accountId: string;
  urlId: string;
  domainName: string;
  /** The verified signer, for AuthType AWS_IAM; undefined for NONE. */
  caller?: { credential: LocalCredential; accessKeyId: string };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `12/Mar/2020:19:03:58 +0000`, the `requestContext.time` format. */
export function formatRequestTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** X-Ray trace header: `Root=1-<8 hex digits of epoch seconds>-<24 hex digits>`. */
export function newTraceId(now: number): string {
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, "0");
  return `Root=1-${seconds}-${randomBytes(12).toString("hex")}`;
}

/** Text bodies arrive as text; everything else (even without a content type) as base64. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  return (
    type.startsWith("text/") ||
    type === "application/json" ||
    type === "application/xml" ||
    type === "application/javascript" ||
    type.endsWith("+json") ||
    type.endsWith("+xml")
  );
}

// Assumption: hop-by-hop headers of the local connection are not part of the event.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "upgrade",
  "proxy-connection",
]);

/**
 * `queryStringParameters`: repeated keys joined with commas (docs/platform-facts.md#function-url-event).
 * Assumption: values are decoded as a form is (WHATWG `URLSearchParams`: `+` is a space, bytes that are
 * not UTF-8 become U+FFFD), unlike SigV4's reading of the same query (`aws/sigv4-canonical.ts`
 * `queryPairs`: `+` stays a plus, bad percent-encoding stays literal); no recorded Function URL event
 * with `+` or bad percent-encoding was found. `rawQueryString` carries the query untouched either way.
 */
function parseQueryParameters(raw: string): Record<string, string> | undefined {
  if (raw === "") return undefined;
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = params[key] === undefined ? value : `${params[key]},${value}`;
  }
  return params;
}

/**
 * Bytes of the invocation payload, the event as JSON: what the 6 MB request limit is measured on
 * (headers, query and a base64 body included; docs/platform-facts.md#function-url-request-limit).
 */
export function invocationPayloadBytes(event: FunctionUrlEvent): number {
  return Buffer.byteLength(JSON.stringify(event), "utf8");
}

export function buildFunctionUrlEvent(input: EventInput): FunctionUrlEvent {
  const q = input.url.indexOf("?");
  const rawPath = q < 0 ? input.url : input.url.slice(0, q);
  // Assumption: a presigned URL's X-Amz-* parameters stay in rawQueryString and queryStringParameters
  // (Lambda documents no removal; no recorded event of a presigned call was found).
  const rawQueryString = q < 0 ? "" : input.url.slice(q + 1);
  const headers = eventHeaders(input);
  const cookies = headers.cookie
    ?.split(";")
    .map((c) => c.trim())
    .filter((c) => c !== "");

  const event: FunctionUrlEvent = {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    ...(cookies !== undefined && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(rawQueryString !== "" ? { queryStringParameters: parseQueryParameters(rawQueryString) } : {}),
    requestContext: requestContext(input, rawPath, headers["user-agent"] ?? ""),
    isBase64Encoded: false,
  };
  if (input.body.byteLength > 0) {
    const text = isTextContentType(headers["content-type"]);
    event.body = Buffer.from(input.body).toString(text ? "utf8" : "base64");
    event.isBase64Encoded = !text;
  }
  return event;
}

/** The event's `headers`: lower-case names, repeats joined with commas, and what Lambda's front end adds. */
function eventHeaders(input: EventInput): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(input.headers)) {
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower)) continue;
    // AWS_IAM: the event shows x-amz-date / -security-token / -content-sha256 but no authorization.
    if (lower === "authorization" && input.caller) continue;
    headers[lower] = values.join(",");
  }
  // Assumption: the event names the URL's own domain even when the emulator was reached on loopback.
  headers.host = input.domainName;
  headers["x-amzn-trace-id"] = newTraceId(input.now);
  // Assumption: the connecting address is appended to a forwarded chain, as proxies do.
  headers["x-forwarded-for"] =
    headers["x-forwarded-for"] !== undefined
      ? `${headers["x-forwarded-for"]}, ${input.sourceIp}`
      : input.sourceIp;
  // Assumption: the emulated URL stands for https://<url-id>.lambda-url.<region>.on.aws, so these carry
  // what AWS sends for it (values as in AWS's sample events), not the local plain-HTTP connection.
  headers["x-forwarded-port"] = "443";
  headers["x-forwarded-proto"] = "https";
  headers["x-amzn-tls-version"] = "TLSv1.2";
  headers["x-amzn-tls-cipher-suite"] = "ECDHE-RSA-AES128-GCM-SHA256";
  return headers;
}

function requestContext(
  input: EventInput,
  rawPath: string,
  userAgent: string,
): FunctionUrlEvent["requestContext"] {
  const caller = input.caller;
  return {
    // Assumption: the caller's account for AWS_IAM, "anonymous" for NONE (as in aws-lambda-go testdata).
    accountId: caller ? caller.credential.accountId : "anonymous",
    apiId: input.urlId,
    ...(caller
      ? {
          authorizer: {
            iam: {
              accessKey: caller.accessKeyId,
              accountId: caller.credential.accountId,
              callerId: caller.credential.userId,
              cognitoIdentity: null,
              principalOrgId: null,
              userArn: caller.credential.principal,
              userId: caller.credential.userId,
            },
          },
        }
      : {}),
    domainName: input.domainName,
    domainPrefix: input.urlId,
    http: { method: input.method, path: rawPath, protocol: "HTTP/1.1", sourceIp: input.sourceIp, userAgent },
    requestId: input.requestId,
    routeKey: "$default",
    stage: "$default",
    time: formatRequestTime(input.now),
    timeEpoch: input.now,
  };
}
