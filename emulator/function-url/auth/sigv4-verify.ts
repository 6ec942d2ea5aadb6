/**
 * SigV4 at a Function URL with AuthType AWS_IAM: the shared verifier (`../aws/sigv4-verify.ts`) with the
 * Function URL's own answers (`aws-errors.ts`): an unsigned call gets the generic Forbidden body recorded
 * against AWS (so does a scheme other than AWS4-HMAC-SHA256: Assumption), every other refusal HTTP 403
 * with its type and a lower-case `message`.
 *
 * @example
 * const result = await verifySigV4(
 *   { method: "POST", path: "/chatbot", query: "", headers: req.headersDistinct, body },
 *   credentialStoreFromConfig(config),
 *   { region: "us-east-1", service: "lambda" },
 * );
 * if (!result.ok) console.log(result.reason, result.error.body);
 */

import type {
  SigV4Options as SharedOptions,
  SigV4Result as SharedResult,
  SigV4Answers,
} from "../../aws/sigv4-types.js";
import { verifySigV4 as verify } from "../../aws/sigv4-verify.js";
import type { LocalCredential } from "../../config/types.js";
import { accessDenied, incompleteSignature, invalidSignature, unrecognizedClient } from "../aws-errors.js";
import type { CredentialStore } from "./credential-store.js";

export { amzDate } from "../../aws/sigv4-time.js";
export type { SigV4FailureReason, SigV4Request } from "../../aws/sigv4-types.js";

export type SigV4Options = Omit<SharedOptions, "answers">;
export type SigV4Result = SharedResult<LocalCredential>;

/** How a Function URL answers each SigV4 failure. */
const FUNCTION_URL_SIGV4_ANSWERS: SigV4Answers = {
  missingAuthentication: accessDenied,
  incompleteSignature,
  invalidSignature,
  unrecognizedClient,
};

/** Verifies a request to the Function URL; never throws for a bad request (see `../aws/sigv4-verify.ts`). */
export function verifySigV4(
  request: Parameters<typeof verify>[0],
  store: CredentialStore,
  options: SigV4Options,
): Promise<SigV4Result> {
  return verify(request, store, { ...options, answers: FUNCTION_URL_SIGV4_ANSWERS });
}
