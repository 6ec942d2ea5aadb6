/**
 * Runs the emulated Cognito alone: `npm run cognito` (127.0.0.1:9229, or COGNITO_PORT).
 */
import { PORT_ENV } from "../config/defaults.js";
import { loadStackConfig } from "../config/load.js";
import { createCognitoServer } from "./server.js";

// The same configuration as `npm start` (Terraform, EMULATOR_CONFIG, STACK_HOST, the port variables,
// EMULATOR_STATE_DIR), so tokens minted here verify in the function and vice versa.
let config: Awaited<ReturnType<typeof loadStackConfig>>;
try {
  config = await loadStackConfig();
} catch (error) {
  console.error(`Cognito emulator failed to start: ${(error as Error).message}`);
  process.exit(1);
}
const port = config.cognito.port;

const cognito = createCognitoServer({
  config: config.cognito,
  region: config.region,
  stateDir: config.stateDir,
  log: (line) => console.log(line),
});

try {
  const { url } = await cognito.listen(port, config.cognito.host);
  const { userPoolId, clientId, users } = config.cognito;
  console.log(`Cognito emulator on ${url}`);
  console.log(`  user pool ${userPoolId}, app client ${clientId}, issuer ${cognito.issuer}`);
  console.log(`  JWKS ${url}/${userPoolId}/.well-known/jwks.json`);
  for (const u of users) console.log(`  user ${u.username} / ${u.password}`);
} catch (err) {
  if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
    console.error(`Port ${port} is in use; set ${PORT_ENV.cognito} to another port.`);
    process.exit(1);
  }
  throw err;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void cognito.close().then(() => process.exit(0));
  });
}
