/**
 * The broker half of the contract gate, run by `npm run contracts` around the provider tests:
 *
 *   tsx contracts/broker/gate.ts publish       after the consumer tests: publish the pact files
 *   tsx contracts/broker/gate.ts can-i-deploy  after the provider tests: ask the broker
 *
 * Without PACT_BROKER_BASE_URL both say so and do nothing: the gate is then the local verification
 * (consumer + provider tests), which already failed the run if the contract is broken.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { brokerEnv } from "../test-support/gate-env.js";
import { HTTP_PACT, MESSAGE_PACT, PACT_DIR } from "../test-support/pact-setup.js";
import { BrokerError, canIDeploy, publishPact } from "./broker-client.js";

const PACTICIPANTS = [HTTP_PACT.consumer, HTTP_PACT.provider, MESSAGE_PACT.consumer, MESSAGE_PACT.provider];

async function main(command: string | undefined): Promise<number> {
  if (command !== "publish" && command !== "can-i-deploy") {
    console.error("usage: tsx contracts/broker/gate.ts publish|can-i-deploy");
    return 2;
  }
  const broker = brokerEnv();
  if (!broker) {
    console.log(`contracts: PACT_BROKER_BASE_URL is not set; ${command} skipped (local gate only).`);
    return 0;
  }
  if (command === "publish") {
    const files = readdirSync(PACT_DIR).filter((name) => name.endsWith(".json"));
    if (files.length === 0)
      throw new BrokerError(`No pact files in ${PACT_DIR}: run the consumer tests first`);
    for (const name of files) {
      const content = readFileSync(path.join(PACT_DIR, name), "utf8");
      const pact = JSON.parse(content) as { consumer: { name: string }; provider: { name: string } };
      await publishPact(broker, { consumer: pact.consumer.name, provider: pact.provider.name, content });
      console.log(`contracts: published ${name} as ${pact.consumer.name} ${broker.version}`);
    }
    return 0;
  }
  let ok = true;
  for (const pacticipant of PACTICIPANTS) {
    const result = await canIDeploy(broker, pacticipant);
    console.log(
      `contracts: can-i-deploy ${pacticipant} ${broker.version} to ${broker.environment}: ${result.deployable ? "yes" : "NO"} (${result.reason})`,
    );
    ok &&= result.deployable;
  }
  return ok ? 0 : 1;
}

main(process.argv[2]).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`contracts: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
