/**
 * Parses the model-call paths the SDKs send: `/{version}/models/{model}:{method}`. `@google/genai`
 * puts `models/` in front of a bare model name itself (docs/platform-facts.md#gemini-wire-format).
 */

export type ModelMethod = "generateContent" | "streamGenerateContent" | "countTokens";

export interface ModelPath {
  apiVersion: string;
  /** `models` or `tunedModels`. */
  collection: string;
  /** The model name without the collection prefix, e.g. `gemini-2.5-flash`. */
  model: string;
  /** The RPC after the colon, as sent (may be one the stub does not serve). */
  method: string;
}

const MODEL_PATH = /^\/(v1|v1beta|v1alpha)\/(models|tunedModels)\/([^/:]+):([A-Za-z]+)$/;

export function parseModelPath(rawPath: string): ModelPath | null {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  const match = MODEL_PATH.exec(path);
  if (!match) return null;
  const [, apiVersion = "", collection = "", model = "", method = ""] = match;
  return { apiVersion, collection, model, method };
}

export function isServedMethod(method: string): method is ModelMethod {
  return method === "generateContent" || method === "streamGenerateContent" || method === "countTokens";
}
