/**
 * `GetParameter` (Systems Manager API reference, GetParameter; request `{Name, WithDecryption}`, result
 * `{Parameter}`), the one call the handler makes (handler/src/ssm.ts), in the order SSM applies its
 * checks: the input, then `ssm:GetParameter` on the parameter's ARN (a caller without it learns nothing,
 * not even whether the parameter exists: recorded AccessDenied answers name parameters that did not
 * exist, aws-solutions/aws-control-tower-customizations#208), then the parameter, then
 * `kms:Decrypt` for a SecureString read with decryption.
 */
import { authorizeDecrypt, authorizeGetParameter, type SsmCaller } from "./authorize.js";
import { SsmError, SsmNotEmulatedError } from "./errors.js";
import { type ParameterStore, parameterJson } from "./parameters.js";

export interface GetParameterContext {
  store: ParameterStore;
  region: string;
  accountId: string;
  requireDecryptOnAwsManagedKey?: boolean;
}

/** The input as the service model declares it (`Name` required, 1..2048 characters; `WithDecryption` boolean). */
function readInput(body: Record<string, unknown>): { name: string; withDecryption: boolean } {
  const { Name, WithDecryption, ...rest } = body;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new SsmNotEmulatedError(`GetParameter input ${unknown.join(", ")}`);
  // Assumption: the wording of the validation error, in the form AWS JSON services use for constraints.
  if (typeof Name !== "string" || Name.length === 0 || Name.length > 2048) {
    throw new SsmError(
      "ValidationException",
      `1 validation error detected: Value ${typeof Name === "string" ? `'${Name}'` : "null"} at 'name' failed to satisfy constraint: Member must have length between 1 and 2048`,
    );
  }
  if (WithDecryption !== undefined && typeof WithDecryption !== "boolean") {
    throw new SsmError("SerializationException", "WithDecryption must be a boolean");
  }
  return { name: Name, withDecryption: WithDecryption === true };
}

/** Answers one GetParameter for `caller`; throws an SsmError (or SsmNotEmulatedError) to refuse. */
export function getParameter(
  ctx: GetParameterContext,
  caller: SsmCaller,
  body: Record<string, unknown>,
): { Parameter: Record<string, unknown> } {
  const { name, withDecryption } = readInput(body);
  const { arn, parameter } = ctx.store.resolve(name);
  authorizeGetParameter(caller, arn, ctx);
  if (!parameter) throw new SsmError("ParameterNotFound", undefined);
  if (parameter.type === "SecureString") {
    if (!withDecryption) {
      throw new SsmNotEmulatedError(
        "GetParameter of a SecureString without WithDecryption (SSM answers its ciphertext)",
        "Read it with WithDecryption: true.",
      );
    }
    authorizeDecrypt(caller, parameter, ctx);
  }
  return { Parameter: parameterJson(parameter, parameter.value) };
}
