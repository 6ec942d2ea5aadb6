/**
 * Runs the Pact broker client: `pact-broker` from @pact-foundation/pact-cli, whose npm package
 * starts a native binary (the Rust pact-broker-cli) shipped in a platform package such as
 * @pact-foundation/pact-cli-linux-x64, so nothing is downloaded at install or run time.
 *
 * Credentials go to it through its environment (`PACT_BROKER_TOKEN`, or `PACT_BROKER_USERNAME` and
 * `PACT_BROKER_PASSWORD`, which it reads itself), never on its command line, where other processes
 * can see them; its output is relayed through the redactor (redact.ts).
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import type { Readable, Writable } from "node:stream";
import type { BrokerEnv } from "../test-support/gate-env.js";
import { lineRedactor, secretsOf } from "./redact.js";

/** The package's own launcher (its `bin` entry), which finds the binary for this platform. */
const PACT_BROKER = createRequire(import.meta.url).resolve("@pact-foundation/pact-cli/bin/pact-broker.js");

const CREDENTIAL_VARIABLES = [
  "PACT_BROKER_BASE_URL",
  "PACT_BROKER_TOKEN",
  "PACT_BROKER_USERNAME",
  "PACT_BROKER_PASSWORD",
];

/**
 * `pact-broker <args>` against this broker; resolves to its exit code.
 * @example await pactBroker(broker, ["record-deployment", "--pacticipant", "ChatbotApi", ...])
 */
export async function pactBroker(broker: BrokerEnv, args: string[]): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CREDENTIAL_VARIABLES) delete env[name];
  env.PACT_BROKER_BASE_URL = broker.url;
  if (broker.token) env.PACT_BROKER_TOKEN = broker.token;
  else if (broker.username !== undefined) {
    env.PACT_BROKER_USERNAME = broker.username;
    env.PACT_BROKER_PASSWORD = broker.password ?? "";
  }
  const logLevel = broker.logLevel ? ["--log-level", broker.logLevel] : [];
  const child = spawn(process.execPath, [PACT_BROKER, ...args, ...logLevel], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const secrets = secretsOf(broker);
  const relays = [relay(child.stdout, process.stdout, secrets), relay(child.stderr, process.stderr, secrets)];
  const code = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    // A signal (no exit code) is a failure too.
    child.once("close", (exitCode) => resolve(exitCode ?? 1));
  });
  await Promise.all(relays);
  return code;
}

async function relay(from: Readable, to: Writable, secrets: readonly string[]): Promise<void> {
  const out = lineRedactor(secrets, (text) => to.write(text));
  from.setEncoding("utf8");
  for await (const chunk of from) out.push(chunk as string);
  out.end();
}
