/**
 * Runs the Gemini stub alone: `npm run gemini-stub` (127.0.0.1:8089, or GEMINI_STUB_PORT).
 */

import { PORT_ENV } from "../config/defaults.js";
import { loadStackConfig } from "../config/load.js";
import { createGeminiServer } from "./server.js";

// The same configuration as `npm start` (Terraform, EMULATOR_CONFIG, STACK_HOST, the port variables,
// GEMINI_STUB_API_KEY), so the stub accepts the key the function is given.
let config: Awaited<ReturnType<typeof loadStackConfig>>["gemini"];
try {
  config = (await loadStackConfig()).gemini;
} catch (error) {
  console.error(`Gemini stub failed to start: ${(error as Error).message}`);
  process.exit(1);
}

const stub = createGeminiServer({ config, log: (line) => console.log(line) });
try {
  const { url } = await stub.listen(config.port, config.host);
  console.log(`Gemini stub listening on ${url} (models: ${config.models.join(", ")})`);
  console.log(`  POST ${url}/v1beta/models/{model}:streamGenerateContent?alt=sse   key: x-goog-api-key`);
  console.log(`  GET|DELETE ${url}/_stub/requests   GET|PUT ${url}/_stub/scenario`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === "EADDRINUSE"
      ? `Port ${config.port} is in use; set ${PORT_ENV.gemini} to another port.`
      : `Gemini stub failed to start: ${(error as Error).message}`,
  );
  process.exit(1);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void stub.close().then(() => process.exit(0));
  });
}
