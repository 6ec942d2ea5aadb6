/**
 * The Gemini API key, deployed: an SSM SecureString named by GEMINI_API_KEY_PARAMETER, read with
 * decryption once per cold start (the promise is kept at module scope; a failed read is retried on
 * the next request rather than cached).
 *
 * The SSM client is imported lazily, on the first read: a function given GEMINI_API_KEY directly never
 * loads it, and a deployed one loads it after Init, which keeps the cold start shorter.
 */
import type { SSMClient } from "@aws-sdk/client-ssm";
import type { ApiKeySource } from "./config.js";

async function readSecureParameter(name: string, client?: SSMClient): Promise<string> {
  const ssm = await import("@aws-sdk/client-ssm");
  const { GetParameterCommand } = ssm;
  const result = await (client ?? new ssm.SSMClient({})).send(
    new GetParameterCommand({ Name: name, WithDecryption: true }),
  );
  const value = result.Parameter?.Value;
  if (!value) throw new Error(`SSM parameter ${name} has no value`);
  return value;
}

/**
 * Returns a function that yields the API key, fetching it at most once while it succeeds.
 * @example const getKey = createApiKeyProvider({ kind: "ssm", parameterName: "/chatbot/gemini-api-key" });
 */
export function createApiKeyProvider(source: ApiKeySource, client?: SSMClient): () => Promise<string> {
  if (source.kind === "value") {
    const key = Promise.resolve(source.apiKey);
    return () => key;
  }
  let pending: Promise<string> | undefined;
  return () => {
    if (!pending) {
      pending = readSecureParameter(source.parameterName, client);
      pending.catch(() => {
        pending = undefined;
      });
    }
    return pending;
  };
}
