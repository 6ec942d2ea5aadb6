/**
 * SigV4 refusal texts as AWS writes them, each with where it was recorded. AWS services share one
 * SigV4 front end, so texts recorded against other JSON services are the ones a Function URL answers
 * (docs/platform-facts.md#sigv4-error-texts).
 */
import { amzDate } from "./sigv4-time.js";

/**
 * A wrong signature (recorded against a Function URL: docs/platform-facts.md#function-url-errors; every AWS
 * service sends it).
 */
export const SIGNATURE_MISMATCH_MESSAGE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

/** An unknown access key or session token (the text AWS JSON services send with UnrecognizedClientException). */
export const INVALID_TOKEN_MESSAGE = "The security token included in the request is invalid.";

/** Recorded: cognitect-labs/aws-api#27 (`… not 'ap-southeast-2'. `), aws/aws-sdk-php#493. The trailing space is AWS's. */
export function wrongRegionMessage(region: string): string {
  return `Credential should be scoped to a valid region, not '${region}'. `;
}

/** Recorded: cllunsford/aws-signing-proxy#25 (`{"message":"Credential should be scoped to correct service: 'batch'. "}`). */
export function wrongServiceMessage(service: string): string {
  return `Credential should be scoped to correct service: '${service}'. `;
}

/**
 * Recorded: aws/chalice#828, nordcloud/cognitocurl#28 ("Authorization header requires 'Credential'
 * parameter. … requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=<value>").
 * Deviation: AWS echoes the whole header value after `Authorization=`; the emulator echoes only the
 * scheme, so no signature or token ever appears in a response.
 */
export function incompleteAuthorizationMessage(
  missing: string[],
  dateMissing: boolean,
  scheme: string,
): string {
  const parts = missing.map((p) => `Authorization header requires '${p}' parameter.`);
  if (dateMissing)
    parts.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  return `${parts.join(" ")} Authorization=${scheme}`;
}

export const MISSING_DATE_MESSAGE =
  "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";

/** Recorded: hassy/artillery-dino#2 ("Signature expired: 20160610T180547Z is now earlier than 20160610T180612Z (20160610T181112Z - 5 min.)"). */
export function signatureExpiredMessage(signed: string, now: number, windowMs: number): string {
  return `Signature expired: ${signed} is now earlier than ${amzDate(now - windowMs)} (${amzDate(now)} - ${windowMs / 60_000} min.)`;
}

/** Recorded: serverless/enterprise#11 ("Signature not yet current: 20181120T211543Z is still later than 20181120T211529Z (20181120T211029Z + 5 min.)"). */
export function signatureNotYetCurrentMessage(signed: string, now: number, windowMs: number): string {
  return `Signature not yet current: ${signed} is still later than ${amzDate(now + windowMs)} (${amzDate(now)} + ${windowMs / 60_000} min.)`;
}

/**
 * Assumption: an expired presigned URL is answered with the header form's text, its window being the
 * URL's `X-Amz-Expires` (AWS records for non-S3 presigned URLs were not found; S3's own text differs).
 */
export function presignedExpiredMessage(signed: string, now: number, expiresSeconds: number): string {
  return signatureExpiredMessage(signed, now, expiresSeconds * 1000);
}

/**
 * Recorded for S3 presigned URLs (aws/aws-cli#5464, bryanjos/aws_auth#31). Assumption: a Function URL
 * refuses an over-long or malformed `X-Amz-Expires` with the same text.
 */
export const PRESIGN_EXPIRES_MESSAGE =
  "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds";

/**
 * Assumption: no record of a non-S3 service refusing a presigned URL that lacks a parameter was found;
 * this wording is the emulator's own, naming the parameters a presigned URL must carry.
 */
export const PRESIGN_PARAMETERS_MESSAGE =
  "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, and X-Amz-SignedHeaders parameters.";

/**
 * Assumption: a request that carries both an Authorization header and presigned parameters is refused
 * (S3 refuses it with InvalidArgument); the wording is the emulator's own.
 */
export const TWO_AUTH_MECHANISMS_MESSAGE =
  "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified";

/** Recorded (IAM user guide, signature-v4-troubleshooting): host must be signed. */
export const HOST_NOT_SIGNED_MESSAGE =
  "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";

/**
 * Assumption: a Credential that is not `<key>/<date>/<region>/<service>/aws4_request` gets the same
 * answer as a missing one (no recorded text for this case was found).
 */
export function malformedCredentialMessage(scheme: string): string {
  return incompleteAuthorizationMessage(["Credential"], false, scheme);
}
