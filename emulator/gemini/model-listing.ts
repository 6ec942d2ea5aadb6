/**
 * Model listing: what `ai.models.list()`, `ai.models.get()` and ListModels read
 * (`GET /{version}/models`, `GET /{version}/models/{model}`): the models the catalogue serves as
 * themselves today (catalogue.ts); a retired or unknown one gets Google's 404.
 */
import express from "express";
import type { LifecycleRow } from "../common/lifecycle/types.js";
import type { GeminiStubConfig } from "../config/types.js";
import { checkApiKey } from "./api-key.js";
import { listedModels } from "./catalogue.js";
import { modelNotFound } from "./google-errors.js";
import { sendGoogleError } from "./model-call.js";

const API_VERSION = /^v1(beta|alpha)?$/;

function modelResource(row: LifecycleRow): Record<string, unknown> {
  return {
    name: `models/${row.id}`,
    version: "001",
    displayName: row.id,
    inputTokenLimit: 1_048_576,
    outputTokenLimit: row.gemini?.outputTokenLimit ?? 65_536,
    supportedGenerationMethods: ["generateContent", "countTokens"],
  };
}

export function modelListingRouter(config: GeminiStubConfig, clock: () => Date): express.Router {
  const router = express.Router();
  router.get("/:version/models", (req, res, next) => {
    if (!API_VERSION.test(req.params.version)) return next();
    if (checkApiKey(config.apiKey, req, res)) res.json({ models: listedModels(clock()).map(modelResource) });
  });
  router.get("/:version/models/:model", (req, res, next) => {
    if (!API_VERSION.test(req.params.version)) return next();
    if (!checkApiKey(config.apiKey, req, res)) return;
    const { model } = req.params;
    const row = listedModels(clock()).find((r) => r.id === model);
    if (row) res.json(modelResource(row));
    else sendGoogleError(res, modelNotFound(`models/${model}`, req.params.version, "get"));
  });
  return router;
}
