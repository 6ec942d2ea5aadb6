/**
 * The broker half of the contract gate, through the Pact broker client (`pact-broker`):
 *
 *   tsx contracts/broker/gate.ts publish [dir]      after the consumer tests: publish the pact files
 *   tsx contracts/broker/gate.ts can-i-deploy       after the provider tests: may the backend go out?
 *   tsx contracts/broker/gate.ts record-deployment  after `terraform apply`: tell the broker it did
 *
 * `npm run contracts` runs the first two around the provider tests; the deploy workflow runs the
 * third. Without PACT_BROKER_BASE_URL each says so and does nothing: the gate is then the local
 * verification (consumer + provider tests), which already failed the run if the contract is broken.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type BrokerEnv, brokerEnv } from "../test-support/gate-env.js";
import { HTTP_PACT, MESSAGE_PACT, PACT_DIR } from "../test-support/pact-setup.js";
import { pactBroker } from "./pact-broker-cli.js";

/**
 * What the deploy workflow deploys: the API and the handler's SSE encoder, one Lambda. The consumers
 * (the frontend client and its event parser) ship inside the platform's Next.js app, whose own
 * pipeline is the place to ask about and record them; asking here whether they may go to production
 * would fail every contract change, since the backend still in production has not verified the new pact.
 */
const DEPLOYED_HERE = [HTTP_PACT.provider, MESSAGE_PACT.provider];

const COMMANDS = ["publish", "can-i-deploy", "record-deployment"] as const;
type Command = (typeof COMMANDS)[number];

async function main(command: string | undefined, args: string[]): Promise<number> {
  if (!COMMANDS.includes(command as Command)) {
    console.error(`usage: tsx contracts/broker/gate.ts ${COMMANDS.join("|")}`);
    return 2;
  }
  const broker = brokerEnv();
  if (!broker) {
    console.log(`contracts: PACT_BROKER_BASE_URL is not set; ${command} skipped (local gate only).`);
    return 0;
  }
  if (command === "publish") return publish(broker, args[0] ?? PACT_DIR);
  if (command === "can-i-deploy") return canIDeploy(broker);
  return recordDeployment(broker);
}

async function publish(broker: BrokerEnv, dir: string): Promise<number> {
  const files = readdirSync(dir).filter((name) => name.endsWith(".json"));
  if (files.length === 0) throw new Error(`No pact files in ${dir}: run the consumer tests first`);
  const branch = broker.branch ? ["--branch", broker.branch] : [];
  const code = await pactBroker(broker, [
    "publish",
    dir,
    "--consumer-app-version",
    broker.version,
    ...branch,
  ]);
  if (code !== 0) {
    console.error(`contracts: publishing the pacts failed (pact-broker exited ${code})`);
    return 1;
  }
  for (const name of files) {
    const pact = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as { consumer: { name: string } };
    console.log(`contracts: published ${name} as ${pact.consumer.name} ${broker.version}`);
  }
  return 0;
}

function canIDeploy(broker: BrokerEnv): Promise<number> {
  // pact-broker exits 0 only for a yes; "unknown" (no verification result yet) is asked again.
  return forEachDeployed(
    broker,
    "can-i-deploy",
    [
      ...["--to-environment", broker.environment],
      ...["--retry-while-unknown", String(broker.retryWhileUnknown)],
      ...["--retry-interval", String(broker.retryInterval)],
    ],
    (code) => (code === 0 ? "yes" : `NO (pact-broker exited ${code}; its answer is above)`),
  );
}

function recordDeployment(broker: BrokerEnv): Promise<number> {
  return forEachDeployed(broker, "record-deployment", ["--environment", broker.environment], (code) =>
    code === 0 ? "recorded" : `FAILED (pact-broker exited ${code})`,
  );
}

/** Runs `pact-broker <command>` for each pacticipant deployed here at this version; 0 when all exit 0. */
async function forEachDeployed(
  broker: BrokerEnv,
  command: string,
  options: string[],
  outcome: (code: number) => string,
): Promise<number> {
  let ok = true;
  for (const pacticipant of DEPLOYED_HERE) {
    const code = await pactBroker(broker, [
      command,
      ...["--pacticipant", pacticipant, "--version", broker.version],
      ...options,
    ]);
    console.log(
      `contracts: ${command} ${pacticipant} ${broker.version} to ${broker.environment}: ${outcome(code)}`,
    );
    ok &&= code === 0;
  }
  return ok ? 0 : 1;
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`contracts: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
