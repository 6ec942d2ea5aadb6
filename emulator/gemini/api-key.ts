/**
 * The API key check every Gemini route makes first: `x-goog-api-key`, or `?key=` as the REST docs allow.
 */
import type { Request, Response } from "express";
import { apiKeyInvalid, apiKeyMissing } from "./google-errors.js";
import { sendGoogleError } from "./model-call.js";

/** True when the request carries `apiKey`; otherwise answers with Google's error and returns false. */
export function checkApiKey(apiKey: string, req: Request, res: Response): boolean {
  const key = req.get("x-goog-api-key") ?? (typeof req.query.key === "string" ? req.query.key : undefined);
  if (key === apiKey) return true;
  // Assumption: an empty key counts as no key.
  sendGoogleError(res, key === undefined || key === "" ? apiKeyMissing() : apiKeyInvalid());
  return false;
}
