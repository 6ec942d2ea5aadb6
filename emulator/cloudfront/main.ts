/**
 * Runs the emulated CloudFront alone: `npm run cloudfront` (port from CLOUDFRONT_PORT, default 8080).
 * The origin is the Function URL emulator at its configured address.
 */
import { PORT_ENV } from "../config/defaults.js";
import { loadStackConfig } from "../config/load.js";
import { createCloudFrontServer } from "./server.js";

const config = await loadStackConfig();
const server = createCloudFrontServer({ config, log: (line) => console.log(`[cloudfront] ${line}`) });
try {
  const { url } = await server.listen(config.cloudfront.port, config.cloudfront.host);
  console.log(
    `[cloudfront] listening on ${url} (origin ${config.functionUrl.host}:${config.functionUrl.port})`,
  );
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    console.error(
      `[cloudfront] port ${config.cloudfront.port} is in use; set ${PORT_ENV.cloudfront} to another port`,
    );
    process.exit(1);
  }
  throw error;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
