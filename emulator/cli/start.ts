/**
 * `npm start`: the whole offline stack on the pinned ports, a banner with everything needed to use
 * it, live reload of the handler, and a clean stop on Ctrl-C.
 */
import path from "node:path";
import { REPO_ROOT } from "../config/defaults.js";
import { loadStackConfig } from "../config/load.js";
import { emulatorLogLevel } from "../config/settings.js";
import type { DeliveryConfig } from "../config/types.js";
import { DEFAULT_INSPECT_PORT } from "../function-url/containers/debug-mode.js";
import { watchForReload } from "../function-url/containers/source-watch.js";
import { devEndpointAccess } from "../stack/dev-access.js";
import { exposureWarning } from "../stack/exposure-warning.js";
import { createEmulatorLogger, LOG_FORMAT_FLAG, parseLogFormat, type ServiceLog } from "../stack/logger.js";
import { type RunningStack, startStack } from "../stack/running-stack.js";
import { curlCommand } from "../stack/sample-request.js";
import { exitWithUsageError, parseCommandLine } from "./command-line.js";
import {
  type DebugSession,
  INSPECT_PORT_VARIABLE,
  inspectPortFrom,
  prepareDebugSession,
} from "./debug-session.js";
import { runtimeLine } from "./runtime-line.js";

const COMMAND = {
  command: "npm start --",
  summary:
    "Starts the whole offline stack (CloudFront, Function URL, Cognito, Gemini stub, SSM, playground) on\n" +
    "127.0.0.1, prints how to use it, reloads the handler on a change under handler/src; Ctrl-C stops it.\n" +
    "Settings: the Terraform module, then $EMULATOR_CONFIG, then .env and the environment (README).",
  usage: "[options]",
  options: {
    "log-format": LOG_FORMAT_FLAG,
    debug: {
      type: "boolean",
      help: "debug the handler: inspector for VS Code / Chrome DevTools, function timeout suspended (npm run start:debug)",
    },
    "inspect-port": {
      type: "string",
      value: "PORT",
      help: `with --debug: the inspector port (default: $${INSPECT_PORT_VARIABLE}, else ${DEFAULT_INSPECT_PORT})`,
    },
  },
  epilog:
    "examples:\n  npm start -- --log-format json | jq -c 'select(.service == \"cloudfront\")'\n" +
    "  npm run start:debug            # the same as npm start -- --debug",
} as const;

const started = Date.now();

/** Lines of the stack itself (start, stop), through the same logger as the services'. */
let log: ServiceLog = () => {};

/** Which delivery mode is in force, and how to switch (function-url/response/response-delivery.ts). */
function deliveryLine(delivery: DeliveryConfig): string {
  if (delivery.mode === "immediate")
    return "immediate: every write reaches the viewer as it comes, as Lambda's sandbox flushes it (FUNCTION_URL_DELIVERY=lambda holds small writes, the harsher reading)";
  const hold = delivery.maxHoldMs === undefined ? "" : ` or ${delivery.maxHoldMs} ms`;
  return `lambda: writes held until ${delivery.thresholdBytes} bytes${hold} or the end, the harsher reading of public reports (FUNCTION_URL_DELIVERY=immediate, the default, to turn off)`;
}

function banner(stack: RunningStack, idToken: string, debug?: DebugSession): string {
  const { config } = stack;
  const exposure = exposureWarning(config, devEndpointAccess());
  const warning = exposure.length > 0 ? [...exposure, ""] : [];
  const users = config.cognito.users.map((u) => `${u.username} / ${u.password}`).join(", ");
  const lines = [
    "",
    `Offline chatbot stack ready in ${Date.now() - started} ms`,
    "",
    `  Chatbot endpoint   ${stack.endpoint}   (CloudFront -> OAC -> Function URL -> handler)`,
    `  Playground         ${stack.urls.playground ?? "(not started)"}`,
    `  Function URL       ${stack.urls.functionUrl}   (AWS_IAM: only CloudFront's signed calls get in)`,
    `  Cognito            ${stack.urls.cognito}   pool ${config.cognito.userPoolId}, client ${config.cognito.clientId}`,
    `  Gemini stub        ${stack.urls.gemini}   journal: GET /_stub/requests`,
    `  SSM                ${stack.urls.ssm}   GetParameter: the function's key at ${config.functionUrl.environment.GEMINI_API_KEY_PARAMETER ?? "(no parameter declared)"}${config.functionUrl.apiKeySource === "environment" ? " (unused: FUNCTION_API_KEY_SOURCE=environment)" : ""}`,
    ...(stack.inspector && stack.urls.playground
      ? [
          `  Inspector          ${new URL("inspector.html", stack.urls.playground)}   (each chat's hops; JSON: ${stack.endpoint.replace(/\/chatbot$/, "")}/__emulator/requests)`,
        ]
      : []),
    `  Delivery           ${deliveryLine(config.functionUrl.delivery)}`,
    `  Lambda runtime     ${runtimeLine(config.functionUrl.containerRuntime ?? "worker", config.functionUrl.runtime)}`,
    ...(debug ? debug.bannerLines() : []),
    "",
    ...warning,
    `  Demo users         ${users}`,
    `  ID token (alice, ${config.cognito.idTokenTtlSeconds / 60} min):`,
    `    ${idToken}`,
    "",
    "  Try it (streams an answer):",
    "",
    curlCommand(stack.endpoint, idToken)
      .split("\n")
      .map((l) => `    ${l}`)
      .join("\n"),
    "",
    '  Or: npm run ask -- "why is my loop slow?"      Stop: Ctrl-C',
    "",
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(COMMAND);
  const logFormat = parseLogFormat(values["log-format"]);
  if (typeof logFormat !== "string") exitWithUsageError(COMMAND, logFormat.error);
  log = createEmulatorLogger({ format: logFormat })("stack");
  const config = await loadStackConfig();
  const logLevel = emulatorLogLevel();
  let debug: DebugSession | undefined;
  if (values.debug) {
    try {
      debug = prepareDebugSession(config, inspectPortFrom(values["inspect-port"]));
    } catch (error) {
      exitWithUsageError(COMMAND, (error as Error).message);
    }
  } else if (values["inspect-port"] !== undefined) {
    exitWithUsageError(COMMAND, "--inspect-port needs --debug");
  }
  const stack = await startStack(config, {
    services: ["cognito", "gemini", "ssm", "functionUrl", "cloudfront", "playground"],
    log: (line) => process.stdout.write(`${line}\n`),
    logFormat,
    functionUrl: {
      debug: debug?.debug,
      // The emulator's own debug lines (e.g. what SigV4 signed over on a refusal).
      logLevel: logLevel.level,
    },
  });
  if (logLevel.note) log(logLevel.note);
  const alice = config.cognito.users[0];
  const tokens = alice ? await stack.cognito?.mintTokens(alice.username) : undefined;
  // With --log-format json, stdout carries only JSON lines (for jq); the banner goes to stderr.
  const bannerOut = logFormat === "json" ? process.stderr : process.stdout;
  bannerOut.write(`${banner(stack, tokens?.idToken ?? "(no demo user configured)", debug)}\n`);
  // A change under handler/src is picked up by the next request in a fresh container, like a redeploy.
  const stopWatching = stack.functionUrl
    ? watchForReload(stack.functionUrl, [path.join(REPO_ROOT, "handler/src")])
    : () => {};

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the stack`);
    stopWatching();
    await stack.close();
    log("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`\nnpm start failed: ${(error as Error).message}\n`);
  process.exit(1);
});
