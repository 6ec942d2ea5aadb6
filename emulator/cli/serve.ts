/**
 * Runs ONE service of the stack on its configured port: `npm run serve -- <service>`, the per-service
 * scripts (`npm run cognito`, `gemini-stub`, `ssm`, `function-url`, `cloudfront`) and each container.
 *
 *   node --import tsx emulator/cli/serve.ts <cognito|gemini|ssm|function-url|cloudfront|playground>
 *
 * The others are expected at their configured addresses (STACK_HOST and the *_PORT variables).
 */
import { emulatorLogLevel } from "../config/settings.js";
import { createEmulatorLogger, LOG_FORMAT_FLAG, parseLogFormat } from "../stack/logger.js";
import { startStack } from "../stack/running-stack.js";
import { SERVICE_LABEL, type ServiceName } from "../stack/service-startup.js";
import { exitWithUsageError, parseCommandLine } from "./command-line.js";
import { loadModuleOrExit, TERRAFORM_FLAG } from "./module-flag.js";
import { serviceBanner } from "./serve-banner.js";
import { watchSources } from "./source-reload.js";

const byLabel = new Map(Object.entries(SERVICE_LABEL).map(([name, label]) => [label, name as ServiceName]));
byLabel.set("gemini", "gemini");

const COMMAND = {
  command: "npm run serve --",
  summary:
    "Runs ONE service of the offline stack on its configured port (what each container runs);\n" +
    "the others are expected at their configured addresses (STACK_HOST and the *_PORT variables).",
  usage: `<${[...byLabel.keys()].join("|")}>`,
  allowPositionals: true,
  options: { terraform: TERRAFORM_FLAG, "log-format": LOG_FORMAT_FLAG },
  epilog:
    "examples:\n  COGNITO_PORT=9330 npm run serve -- cognito\n  npm run serve -- gemini --log-format json | jq .\n" +
    "  npm run serve -- function-url --terraform test/fixtures/modules/two-functions",
} as const;

async function main(): Promise<void> {
  const { positionals, values } = parseCommandLine(COMMAND);
  const logFormat = parseLogFormat(values["log-format"]);
  if (typeof logFormat !== "string") exitWithUsageError(COMMAND, logFormat.error);
  const [arg, ...extra] = positionals;
  const service = byLabel.get(arg ?? "");
  if (!service || extra.length > 0) {
    exitWithUsageError(
      COMMAND,
      arg
        ? `unknown service '${positionals.join(" ")}'; one of ${[...byLabel.keys()].join(", ")}`
        : "name a service",
    );
  }
  const mod = await loadModuleOrExit(COMMAND, values.terraform);
  const { config } = mod;
  const logLevel = emulatorLogLevel();
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const stack = await startStack(config, {
    services: [service],
    log: write,
    logFormat,
    functionUrl: { logLevel: logLevel.level },
  });
  const log = createEmulatorLogger({ format: logFormat, write })(SERVICE_LABEL[service]);
  if (logLevel.note) log(logLevel.note);
  log(`listening on ${stack.urls[service]}`);
  for (const line of serviceBanner(service, stack)) log(line);
  // A change to a function's source is picked up by its next request in a fresh container, like a redeploy
  // (not when it runs its built bundle or its zip).
  const stopWatching = service === "functionUrl" ? watchSources(stack, { bundles: false, log }) : () => {};

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    stopWatching();
    void stack.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`serve failed: ${(error as Error).message}\n`);
  process.exit(1);
});
