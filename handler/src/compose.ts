/**
 * Wires the production dependencies from an environment. `index.ts` calls this once per cold start;
 * tests call it with their own environment, so they run exactly the wiring that ships.
 */
import type { SSMClient } from "@aws-sdk/client-ssm";
import { createStreamingHandler, type StreamingHandler } from "./app.js";
import { createAuthenticator } from "./auth.js";
import { type LogLevel, loadConfig, parseLogLevel } from "./config.js";
import { createLogger, type Logger } from "./log.js";
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
  warnIfLogLevelOverridden(env, config.logLevel, logger);
  if (env.GEMINI_SDK?.trim() === "genai") {
    logger.warn(
      "GEMINI_SDK is obsolete and ignored: the handler always uses @google/genai; remove it from the function's environment",
    );
  }
  return createStreamingHandler({
    config,
    authenticate: createAuthenticator(config, logger),
    getModel: () => {
      // Kept once it succeeds; a failed key read or SDK import is retried on the next request.
      if (!model) {
        const created = getApiKey().then((key) => createTextModel(config, key, warnOnceRouted(logger)));
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

/**
 * Google routes some retired model ids to a successor and bills the successor's rate
 * (docs/lifecycle.md): the answers keep coming, from another model. The response's `modelVersion` is
 * the only sign, so the first one that differs is logged once per container, where an operator looks.
 */
function warnOnceRouted(logger: Logger): (asked: string, answeredBy: string) => void {
  let warned = false;
  return (asked, answeredBy) => {
    if (warned) return;
    warned = true;
    logger.warn(
      `GEMINI_MODEL=${asked} is answered by ${answeredBy}: Google routes this model id to another model (retired or deprecated); set GEMINI_MODEL to a current model (docs/lifecycle.md)`,
    );
  };
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/**
 * LOG_LEVEL below Lambda's application log level does nothing (that level wins: config.ts); say so once
 * per cold start, as Powertools does, so a developer who set LOG_LEVEL=debug knows where the lines went.
 */
function warnIfLogLevelOverridden(
  env: Record<string, string | undefined>,
  level: LogLevel,
  logger: Logger,
): void {
  const requested = env.LOG_LEVEL?.trim();
  if (!env.AWS_LAMBDA_LOG_LEVEL?.trim() || !requested) return;
  if (RANK[parseLogLevel(requested)] < RANK[level]) {
    logger.warn(
      `LOG_LEVEL=${requested} is below Lambda's application log level (AWS_LAMBDA_LOG_LEVEL=${env.AWS_LAMBDA_LOG_LEVEL}), which wins; set the function's application log level (Terraform application_log_level) instead`,
    );
  }
}
