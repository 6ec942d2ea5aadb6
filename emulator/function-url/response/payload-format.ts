/**
 * What a `BUFFERED` Function URL makes of the payload its function returned: the response payload
 * format 2.0. Sources, read 2026-12-07:
 *
 * - Lambda developer guide, urls-invocation, "Response payload format"
 *   (https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-response-payload): an object with
 *   `statusCode` is read as `statusCode`, `headers`, `body`, `cookies` (each a `set-cookie` header),
 *   `isBase64Encoded`; valid JSON without a `statusCode` is answered with 200, `content-type:
 *   application/json`, the function's response as the body.
 * - Answers recorded against AWS on 2025-11-24 (localstack/localstack,
 *   `tests/aws/services/lambda_/test_lambda.snapshot.json`, `TestLambdaURL::test_lambda_url_invocation`):
 *   an object, a list, a number, `true` come back as their JSON; `{"statusCode":200,"body":"body123"}`
 *   as `body123` with `application/json` (no headers given); a JSON string as the string itself
 *   (`"hello"` -> `hello`, content-length 5). The guide's own example shows the string with its quotes
 *   (content-length 15); the recorded answer is newer and is what AWS sends, so it is the reading here.
 * - A `statusCode` given as a string ("418") is honoured (the same repository's AWS-validated
 *   `test_lambda_url_headers_and_status`).
 */

export interface PayloadAnswer {
  status: number;
  /** Lower-case names; `set-cookie` holds the cookies. */
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const JSON_TYPE = "application/json";

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Assumption: a header value that is not a string is sent as its text (a list joined with commas). */
function headerValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(headerValue).join(",");
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Assumption: no body means an empty one; a body that is not a string is sent as its JSON. */
function bodyOf(response: JsonObject): Buffer {
  const body = response.body;
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body !== "string") return Buffer.from(JSON.stringify(body));
  return response.isBase64Encoded === true ? Buffer.from(body, "base64") : Buffer.from(body);
}

/** The status a `statusCode` names, or undefined when it names none. */
function statusOf(value: unknown): number | undefined {
  const status = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof status === "number" && Number.isInteger(status) && status >= 100 && status <= 599
    ? status
    : undefined;
}

/** A response object with `statusCode`: its status, headers, cookies and body. */
function interpreted(response: JsonObject): PayloadAnswer | { invalid: string } {
  const status = statusOf(response.statusCode);
  // Assumption: a statusCode that is no HTTP status fails the invocation like a function error (502).
  if (status === undefined) return { invalid: `statusCode ${JSON.stringify(response.statusCode)}` };
  const headers: Record<string, string | string[]> = {};
  if (isObject(response.headers)) {
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined && value !== null) headers[name.toLowerCase()] = headerValue(value);
    }
  }
  headers["content-type"] ??= JSON_TYPE;
  if (Array.isArray(response.cookies) && response.cookies.length > 0) {
    headers["set-cookie"] = response.cookies.map(headerValue);
  }
  return { status, headers, body: bodyOf(response) };
}

/**
 * The HTTP answer for a buffered function's payload (the bytes the runtime posted), or why it has none.
 *
 * @example
 * interpretPayload(Buffer.from('{"statusCode":201,"body":"made"}'));
 * // { status: 201, headers: { "content-type": "application/json" }, body: <made> }
 */
export function interpretPayload(payload: Buffer): PayloadAnswer | { invalid: string } {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString("utf8"));
  } catch {
    // Only a streamified handler behind a BUFFERED URL posts bytes that are not JSON (RIC serialises a
    // returned value). Assumption: 200 and no content, what middy's streamify-response guide reports for
    // that mistake (middy.js.org, "Streamify Response": no content, any status turned into 200).
    return { status: 200, headers: { "content-type": JSON_TYPE }, body: Buffer.alloc(0) };
  }
  if (typeof value === "string") {
    return { status: 200, headers: { "content-type": JSON_TYPE }, body: Buffer.from(value) };
  }
  if (isObject(value) && "statusCode" in value) return interpreted(value);
  return { status: 200, headers: { "content-type": JSON_TYPE }, body: payload };
}
