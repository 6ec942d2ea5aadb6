/**
 * Model listing: what `ai.models.list()`, `ai.models.get()` and ListModels read
 * (`GET /{version}/models`, `GET /{version}/models/{model}`).
 */
import express from "express";
import type { GeminiStubConfig } from "../config/types.js";
import { checkApiKey } from "./api-key.js";
import { modelNotFound } from "./google-errors.js";
import { sendGoogleError } from "./model-call.js";

const API_VERSION = /^v1(beta|alpha)?$/;

function modelResource(name: string): Record<string, unknown> {
  return {
    name: `models/${name}`,
    version: "001",
    displayName: name,
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    supportedGenerationMethods: ["generateContent", "countTokens"],
  };
}

export function modelListingRouter(config: GeminiStubConfig): express.Router {
  const router = express.Router();
  router.get("/:version/models", (req, res, next) => {
    if (!API_VERSION.test(req.params.version)) return next();
    if (checkApiKey(config.apiKey, req, res)) res.json({ models: config.models.map(modelResource) });
  });
  router.get("/:version/models/:model", (req, res, next) => {
    if (!API_VERSION.test(req.params.version)) return next();
    if (!checkApiKey(config.apiKey, req, res)) return;
    const { model } = req.params;
    if (config.models.includes(model)) res.json(modelResource(model));
    else sendGoogleError(res, modelNotFound(`models/${model}`, req.params.version, "get"));
  });
  return router;
}
