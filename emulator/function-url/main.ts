/**
 * Runs the emulated Function URL alone: `npm run function-url` (127.0.0.1:9001, or FUNCTION_URL_PORT).
 * The whole stack (`npm start`) composes `createFunctionUrlServer` itself. The configuration is the
 * stack's (Terraform, config file, environment), so the function's environment points at the Cognito
 * and Gemini stub addresses the other services use.
 */

import path from "node:path";
import { PORT_ENV } from "../config/defaults.js";
import { loadStackConfig } from "../config/load.js";
import { createFunctionUrlServer } from "./server.js";
import { watchForReload } from "./source-watch.js";

const config = await loadStackConfig();
const server = createFunctionUrlServer({ config });
try {
  const { url } = await server.listen(config.functionUrl.port, config.functionUrl.host);
  console.log(
    `[function-url] listening on ${url} (virtual host ${config.functionUrl.urlId}.lambda-url.${config.region}.on.aws)`,
  );
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  if (e.code === "EADDRINUSE") {
    console.error(
      `[function-url] port ${config.functionUrl.port} is in use; set ${PORT_ENV.functionUrl} to another port`,
    );
    process.exit(1);
  }
  throw err;
}

// Live reload in dev: a change to the handler's source is picked up by the next request.
const stopWatching = config.functionUrl.useBundle
  ? () => {}
  : watchForReload(server, [path.dirname(config.functionUrl.sourceEntry)]);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopWatching();
    void server.close().then(() => process.exit(0));
  });
}
