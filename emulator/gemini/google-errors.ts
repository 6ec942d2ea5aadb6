/**
 * Error bodies in the Gemini API's wire form: HTTP status + `application/json`
 * `{"error":{"code","message","status","details"?}}` (docs/platform-facts.md#gemini-errors).
 */

export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: Record<string, unknown>[] };
}

export interface GoogleError {
  httpStatus: number;
  body: GoogleErrorBody;
}

function googleError(
  httpStatus: number,
  status: string,
  message: string,
  details?: Record<string, unknown>[],
): GoogleError {
  const error: GoogleErrorBody["error"] = { code: httpStatus, message, status };
  if (details) error.details = details;
  return { httpStatus, body: { error } };
}

const API_KEY_MESSAGE = "API key not valid. Please pass a valid API key.";

/**
 * A wrong key: 400 INVALID_ARGUMENT with reason API_KEY_INVALID, not 401
 * (docs/platform-facts.md#gemini-errors). A request with no key at all gets `apiKeyMissing()` instead.
 */
export function apiKeyInvalid(): GoogleError {
  return googleError(400, "INVALID_ARGUMENT", API_KEY_MESSAGE, [
    {
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "API_KEY_INVALID",
      domain: "googleapis.com",
      metadata: { service: "generativelanguage.googleapis.com" },
    },
    { "@type": "type.googleapis.com/google.rpc.LocalizedMessage", locale: "en-US", message: API_KEY_MESSAGE },
  ]);
}

/**
 * No key at all: 403 PERMISSION_DENIED, no details (docs/platform-facts.md#gemini-errors;
 * bodies recorded from generativelanguage.googleapis.com in PublicAffairs/openai-gemini#92 and
 * UnityGameStudio/Gemini-Unity-Package#1).
 */
export function apiKeyMissing(): GoogleError {
  return googleError(
    403,
    "PERMISSION_DENIED",
    "Method doesn't allow unregistered callers (callers without established identity). " +
      "Please use API Key or other form of API consumer identity to call this API.",
  );
}

/** Unknown model or unsupported method; the message is the one Google sends for `models/x`. */
export function modelNotFound(resource: string, apiVersion: string, method: string): GoogleError {
  return googleError(
    404,
    "NOT_FOUND",
    `${resource} is not found for API version ${apiVersion}, or is not supported for ${method}. ` +
      "Call ListModels to see the list of available models and their supported methods.",
  );
}

/** Unknown path under the API root. Assumption: Google answers these with a 404; the body form is ours. */
export function pathNotFound(path: string): GoogleError {
  return googleError(404, "NOT_FOUND", `The requested URL ${path} was not found on this server.`);
}

export function invalidArgument(message: string): GoogleError {
  return googleError(400, "INVALID_ARGUMENT", message);
}

/** Quota: 429 RESOURCE_EXHAUSTED with a RetryInfo detail (docs/platform-facts.md#gemini-errors). */
export function rateLimited(retryDelay: string): GoogleError {
  return googleError(
    429,
    "RESOURCE_EXHAUSTED",
    "You exceeded your current quota, please check your plan and billing details. For more information " +
      "on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
    [
      {
        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
        violations: [
          {
            quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
            quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
          },
        ],
      },
      {
        "@type": "type.googleapis.com/google.rpc.Help",
        links: [
          {
            description: "Learn more about Gemini API quotas",
            url: "https://ai.google.dev/gemini-api/docs/rate-limits",
          },
        ],
      },
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay },
    ],
  );
}

export function internalError(): GoogleError {
  return googleError(
    500,
    "INTERNAL",
    "An internal error has occurred. Please retry or report in " +
      "https://developers.generativeai.google/guide/troubleshooting",
  );
}

/** Overload: 503 UNAVAILABLE (docs/platform-facts.md#gemini-errors). */
export function unavailable(): GoogleError {
  return googleError(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
}
