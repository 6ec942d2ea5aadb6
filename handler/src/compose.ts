/**
 * Wires the production dependencies from an environment. `index.ts` calls this once per cold start;
 * tests call it with their own environment, so they run exactly the wiring that ships.
 */
import type { SSMClient } from "@aws-sdk/client-ssm";
import { createStreamingHandler, type StreamingHandler } from "./app.js";
import { createAuthenticator } from "./auth.js";
import { loadConfig } from "./config.js";
import { createLogger } from "./log.js";
import { createTextModel, type TextModel } from "./model/index.js";
import { createApiKeyProvider } from "./ssm.js";

export interface ComposeOptions {
  /** Where log lines go (default: stdout). */
  writeLog?: (line: string) => void;
  /** SSM client for GEMINI_API_KEY_PARAMETER (default: `new SSMClient({})`, region from AWS_REGION). */
  ssmClient?: SSMClient;
}

/** @example export const handler = awslambda.streamifyResponse(composeHandler(process.env)); */
export function composeHandler(
  env: Record<string, string | undefined>,
  options: ComposeOptions = {},
): StreamingHandler {
  const config = loadConfig(env);
  const getApiKey = createApiKeyProvider(config.apiKey, options.ssmClient);
  let model: Promise<TextModel> | undefined;
  const logger = createLogger(config.logLevel, {
    write: options.writeLog,
    secrets: config.apiKey.kind === "value" ? [config.apiKey.apiKey] : [],
    // Powertools' `service` key: POWERTOOLS_SERVICE_NAME when set, else the function's name.
    serviceName: env.POWERTOOLS_SERVICE_NAME || env.AWS_LAMBDA_FUNCTION_NAME || undefined,
  });
  return createStreamingHandler({
    config,
    authenticate: createAuthenticator(config, logger),
    getModel: () => {
      // Kept once it succeeds; a failed key read or SDK import is retried on the next request.
      if (!model) {
        const created = getApiKey().then((key) => createTextModel(config, key));
        created.catch(() => {
          if (model === created) model = undefined;
        });
        model = created;
      }
      return model;
    },
    logger,
  });
}
