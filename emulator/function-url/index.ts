/** The emulated Lambda Function URL: public entry points for the stack, tests, security suite and benchmarks. */
export { type AwsErrorResponse, FORBIDDEN_MESSAGE, SIGNATURE_MISMATCH_MESSAGE } from "./aws-errors.js";
export {
  type CredentialStore,
  credentialOfPrincipal,
  credentialStoreFromConfig,
  credentialStoreOf,
  PrincipalConfigError,
} from "./credential-store.js";
export { buildFunctionUrlEvent, type FunctionUrlEvent, invocationPayloadBytes } from "./event-builder.js";
export { evaluateInvokePermission, type InvokeDecision } from "./invoke-permission.js";
export { evaluateResourcePolicy, type PolicyCaller, type PolicyDecision } from "./resource-policy.js";
export {
  createFunctionUrlServer,
  FunctionUrlNotEmulatedError,
  type FunctionUrlServer,
  type FunctionUrlServerOptions,
} from "./server.js";
export {
  type SigV4FailureReason,
  type SigV4Options,
  type SigV4Request,
  type SigV4Result,
  verifySigV4,
} from "./sigv4-verify.js";
export { watchForReload } from "./source-watch.js";
