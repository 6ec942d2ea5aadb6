/**
 * Runs ONE service of the stack on its configured port (what each container runs).
 *
 *   node --import tsx emulator/cli/serve.ts <cognito|gemini|function-url|cloudfront|playground>
 *
 * The others are expected at their configured addresses (STACK_HOST and the *_PORT variables).
 */
import { loadStackConfig } from "../config/load.js";
import { startStack } from "../stack/stack.js";
import { SERVICE_LABEL, type ServiceName } from "../stack/start-stack.js";

const byLabel = new Map(Object.entries(SERVICE_LABEL).map(([name, label]) => [label, name as ServiceName]));
byLabel.set("gemini", "gemini");

async function main(): Promise<void> {
  const arg = process.argv[2] ?? "";
  const service = byLabel.get(arg);
  if (!service) {
    process.stderr.write(`usage: serve.ts <${[...byLabel.keys()].join("|")}>\n`);
    process.exit(2);
  }
  const config = await loadStackConfig();
  const stack = await startStack(config, {
    services: [service],
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${SERVICE_LABEL[service]} listening on ${stack.urls[service]}\n`);
  const stop = () => void stack.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`serve failed: ${(error as Error).message}\n`);
  process.exit(1);
});
