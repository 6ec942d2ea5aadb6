/**
 * `npm start`: the whole offline stack on the pinned ports, a banner with everything needed to use
 * it, live reload of the handler, and a clean stop on Ctrl-C.
 */
import path from "node:path";
import { emulatorLogLevel } from "../config/settings.js";
import type { DeliveryConfig } from "../config/types.js";
import { DEFAULT_INSPECT_PORT } from "../function-url/containers/debug-mode.js";
import { stackParameters } from "../ssm/parameters.js";
import { devEndpointAccess } from "../stack/dev-access.js";
import { exposureWarning } from "../stack/exposure-warning.js";
import { createEmulatorLogger, LOG_FORMAT_FLAG, parseLogFormat, type ServiceLog } from "../stack/logger.js";
import { type RunningStack, startStack } from "../stack/running-stack.js";
import { chatbotEndpointLines, chatbotTryLines } from "./chatbot-banner.js";
import { exitWithUsageError, parseCommandLine } from "./command-line.js";
import {
  type DebugSession,
  INSPECT_PORT_VARIABLE,
  inspectPortFrom,
  prepareDebugSession,
} from "./debug-session.js";
import { type LoadedModule, loadModuleOrExit, TERRAFORM_FLAG } from "./module-flag.js";
import { runtimeLine } from "./runtime-line.js";
import { watchSources } from "./source-reload.js";
import { samplePath, stackMap } from "./stack-banner.js";

const COMMAND = {
  command: "npm start --",
  summary:
    "Starts the whole offline stack (CloudFront, Function URL, Cognito, Gemini stub, SSM, playground) on\n" +
    "127.0.0.1 for a Terraform module (this project's, or --terraform DIR): every function URL and cache\n" +
    "behaviour it declares. Prints how to use it, reloads a function that runs from source on a change\n" +
    "(this project's: handler/src); Ctrl-C stops it.\n" +
    "Settings: the Terraform module, then $EMULATOR_CONFIG, then .env and the environment (README).",
  usage: "[options]",
  options: {
    terraform: TERRAFORM_FLAG,
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
    "examples:\n  npm start -- --terraform test/fixtures/modules/two-functions\n" +
    "  npm start -- --log-format json | jq -c 'select(.service == \"cloudfront\")'\n" +
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

/** Another module's way in: a request per behaviour, through CloudFront. */
function tryLines(stack: RunningStack): string[] {
  const base = stack.urls.cloudfront ?? "";
  const patterns = [...(stack.config.cloudfront.orderedBehaviors ?? []).map((b) => b.pathPattern), "/"];
  return [
    "  Try it (one request per behaviour; a path's behaviour is named in CloudFront's log line):",
    "",
    ...patterns.map((p) => `    curl -N ${base.replace(/\/$/, "")}${samplePath(p)}`),
    "",
    "  Stop: Ctrl-C",
  ];
}

function serviceLines(stack: RunningStack, own: boolean): string[] {
  const { config } = stack;
  const parameters = stackParameters(config, new Date()).map((p) => p.name);
  const keyShortcut = config.functionUrl.apiKeySource === "environment" && parameters.length > 0;
  return [
    `  Playground         ${stack.urls.playground ?? "(not started)"}`,
    `  Function URL       ${stack.urls.functionUrl}   ${own ? "(AWS_IAM: only CloudFront's signed calls get in)" : "(AWS_IAM URLs: only signed calls get in; NONE URLs: any call)"}`,
    `  Cognito            ${stack.urls.cognito}   pool ${config.cognito.userPoolId}, client ${config.cognito.clientId}`,
    `  Gemini stub        ${stack.urls.gemini}   journal: GET /_stub/requests`,
    `  SSM                ${stack.urls.ssm}   GetParameter: ${parameters.length > 0 ? `the function's key at ${parameters.join(", ")}` : "(no parameter declared)"}${keyShortcut ? " (unused: FUNCTION_API_KEY_SOURCE=environment)" : ""}`,
    ...(stack.inspector && stack.urls.playground
      ? [
          `  Inspector          ${new URL("inspector.html", stack.urls.playground)}   (each ${own ? "chat" : "request"}'s hops; JSON: ${stack.urls.cloudfront?.replace(/\/$/, "")}/__emulator/requests)`,
        ]
      : []),
    `  Delivery           ${deliveryLine(config.functionUrl.delivery)}`,
    `  Lambda runtime     ${runtimeLine(config.functionUrl.containerRuntime ?? "worker", config.functionUrl.runtime)}`,
  ];
}

function banner(stack: RunningStack, mod: LoadedModule, idToken: string, debug?: DebugSession): string {
  const { config } = stack;
  const exposure = exposureWarning(config, devEndpointAccess());
  const warning = exposure.length > 0 ? [...exposure, ""] : [];
  const users = config.cognito.users.map((u) => `${u.username} / ${u.password}`).join(", ");
  const title = mod.own
    ? "Offline chatbot stack ready"
    : `Offline stack of ${path.relative(process.cwd(), mod.dir) || mod.dir} ready`;
  const lines = [
    "",
    `${title} in ${Date.now() - started} ms`,
    "",
    ...(mod.own ? chatbotEndpointLines(stack) : []),
    ...serviceLines(stack, mod.own),
    ...(debug ? debug.bannerLines() : []),
    "",
    ...stackMap(config, stack.urls),
    "",
    ...warning,
    `  Demo users         ${users}`,
    `  ID token (alice, ${config.cognito.idTokenTtlSeconds / 60} min):`,
    `    ${idToken}`,
    "",
    ...(mod.own ? chatbotTryLines(stack, idToken) : tryLines(stack)),
    "",
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(COMMAND);
  const logFormat = parseLogFormat(values["log-format"]);
  if (typeof logFormat !== "string") exitWithUsageError(COMMAND, logFormat.error);
  log = createEmulatorLogger({ format: logFormat })("stack");
  const mod = await loadModuleOrExit(COMMAND, values.terraform);
  const { config } = mod;
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
  bannerOut.write(`${banner(stack, mod, tokens?.idToken ?? "(no demo user configured)", debug)}\n`);
  // A change under a function's sources (this project's: handler/src) is picked up by the next request
  // to it, in a fresh container, like a redeploy.
  const stopWatching = watchSources(stack, { bundles: true });

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
