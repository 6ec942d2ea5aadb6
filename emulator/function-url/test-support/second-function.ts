/**
 * A second function for a Function URL under test: the first one's settings under another name and
 * url-id, as the module's other functions come in `StackConfig.functions`.
 */
import type { FunctionConfig, StackConfig } from "../../config/types.js";

/** Public access for a `NONE` URL, as AWS requires since October 2025 (Lambda guide, urls-auth). */
export const PUBLIC_PERMISSIONS: FunctionConfig["permissions"] = [
  {
    statementId: "FunctionURLAllowPublicAccess",
    action: "lambda:InvokeFunctionUrl",
    principal: "*",
    functionUrlAuthType: "NONE",
  },
  { statementId: "FunctionURLInvokeAllowPublicAccess", action: "lambda:InvokeFunction", principal: "*" },
];

/** `config.functions[name]`: the first function's copy, edited; returns it. */
export function addFunction(
  config: StackConfig,
  name: string,
  edit: Partial<FunctionConfig> = {},
): FunctionConfig {
  const { host: _host, port: _port, ...first } = structuredClone(config.functionUrl);
  const fn: FunctionConfig = {
    ...first,
    functionName: name,
    urlId: `${name.replace(/-/g, "")}urlid`,
    ...edit,
  };
  config.functions = { ...config.functions, [name]: fn };
  return fn;
}
