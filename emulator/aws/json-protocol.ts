/**
 * What the AWS JSON 1.1 protocol services the twin emulates (Cognito's IdP API, SSM) share: the content
 * type, how a request body is read, and how a gap in them is answered. Source: AWS's own clients,
 * @aws-sdk/client-cognito-identity-provider and @aws-sdk/client-ssm, both built on `AwsJson1_1Protocol`
 * (@aws-sdk/core/protocols), which sends and expects this content type.
 */
import { isRecord } from "../common/is-record.js";
import { NotEmulatedError } from "../common/not-emulated.js";

/** The protocol's content type, for requests and responses, without a charset. */
export const AMZ_JSON = "application/x-amz-json-1.1";

/**
 * A request body as an object: empty text is `{}`; text that is not JSON, or JSON that is not an
 * object, is the protocol's SerializationException, built by `serializationError` in the service's form.
 */
export function parseJsonBody(
  text: string,
  serializationError: (message: string) => Error,
): Record<string, unknown> {
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Assumption: the wording of the protocol's SerializationException for malformed JSON.
    throw serializationError("Malformed JSON in request body.");
  }
  if (!isRecord(parsed)) throw serializationError("Request body must be a JSON object.");
  return parsed;
}

/**
 * A real operation or option of a JSON-protocol service that the twin does not implement: 501
 * `NotEmulatedException`, deliberately not an AWS error type and not a 4xx, so a gap is never mistaken
 * for AWS behaviour or for a success. One of the "not emulated" family (`shared/not-emulated.ts`).
 */
export class JsonProtocolNotEmulatedError extends NotEmulatedError {
  readonly status = 501;
  readonly type = "NotEmulatedException";
  constructor(service: "cognito" | "ssm", what: string, hint?: string) {
    super(service, what, hint);
    this.name = "NotEmulatedException";
  }
}
