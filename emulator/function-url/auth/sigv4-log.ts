/**
 * What the Function URL logs when SigV4 refuses a request: at the default level the check that failed,
 * AWS's answer in its own words and the access key id; at debug level also the canonical request and
 * string-to-sign the verifier built, to diff against the client's (botocore prints its own at DEBUG,
 * `@smithy/signature-v4` callers can log theirs). Never the signature or a secret: the signature is not
 * part of either text, and values of signed headers or query parameters that carry a token are redacted.
 *
 * @example
 * for (const line of sigv4RefusalLines(result, { debug: true })) log(line);
 */
import type { SigV4Result } from "./sigv4-verify.js";

type Refusal = Extract<SigV4Result, { ok: false }>;

/** Header or query names whose values are credentials (a session token, a viewer's bearer token). */
const SECRET_NAME = /(authorization|token|secret|password|cookie|api-?key|signature)/i;

function awsMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; Message?: unknown };
    const text = parsed.message ?? parsed.Message;
    return typeof text === "string" ? text : body;
  } catch {
    return body;
  }
}

function redactQuery(query: string): string {
  return query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && SECRET_NAME.test(decodeURIComponent(name)) ? `${name}=<redacted>` : pair;
    })
    .join("&");
}

/**
 * The canonical request with credential values replaced by `<redacted>`: line 3 is the query, then
 * `name:value` header lines up to the blank line (AWS General Reference, canonical request layout).
 */
export function redactCanonicalRequest(canonical: string): string {
  const lines = canonical.split("\n");
  if (lines[2] !== undefined) lines[2] = redactQuery(lines[2]);
  for (let i = 3; i < lines.length && lines[i] !== ""; i++) {
    const line = lines[i] ?? "";
    const colon = line.indexOf(":");
    if (colon > 0 && SECRET_NAME.test(line.slice(0, colon))) lines[i] = `${line.slice(0, colon)}:<redacted>`;
  }
  return lines.join("\n");
}

/** The log lines for one refusal; `debug` adds what was signed over. */
export function sigv4RefusalLines(refusal: Refusal, options: { debug: boolean }): string[] {
  const key = refusal.accessKeyId ? `, access key ${refusal.accessKeyId}` : "";
  const type = refusal.error.errorType ? `${refusal.error.errorType}: ` : "";
  const lines = [`AWS_IAM refused (${refusal.reason}${key}): ${type}${awsMessage(refusal.error.body)}`];
  if (options.debug && refusal.signing) {
    const indent = (text: string) =>
      text
        .split("\n")
        .map((l) => `  ${l}`)
        .join("\n");
    lines.push(
      `SigV4 canonical request the verifier built (diff it against your client's):\n${indent(redactCanonicalRequest(refusal.signing.canonicalRequest))}`,
      `SigV4 string to sign:\n${indent(refusal.signing.stringToSign)}`,
    );
  }
  return lines;
}
