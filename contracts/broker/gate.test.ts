/**
 * The gate's broker half: the real `pact-broker` binary, run by gate.ts as `npm run contracts`
 * runs it, against a double of the Pact Broker's HAL API on loopback (test-support/broker-double.ts).
 * What is checked is what the binary sent and how the gate reads its answer; the double's answers
 * follow the broker's own decorators, but it is not a claim about a live broker.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { type BrokerDouble, startBrokerDouble } from "../test-support/broker-double.js";
import { brokerEnv } from "../test-support/gate-env.js";
import { HTTP_PACT, MESSAGE_PACT, STATES } from "../test-support/pact-setup.js";
import { runGate } from "../test-support/run-gate.js";

// A token and pact content generated per run, never fixtures.
const token = `t-${Math.random().toString(36).slice(2)}`;
const runId = Math.random().toString(36).slice(2);
let broker: BrokerDouble;
let pactDir = "";

beforeAll(async () => {
  broker = await startBrokerDouble({
    token,
    deployed: [{ pacticipant: HTTP_PACT.consumer, version: "c0ffee", environment: "production" }],
    integrations: [HTTP_PACT],
  });
  pactDir = mkdtempSync(path.join(tmpdir(), "gate-pacts-"));
  writeFileSync(path.join(pactDir, "http.json"), JSON.stringify(httpPact));
  writeFileSync(path.join(pactDir, "messages.json"), JSON.stringify(messagePact));
});
beforeEach(() => broker.reset());
afterAll(async () => {
  await broker.close();
  rmSync(pactDir, { recursive: true, force: true });
});

const env = () => ({
  PACT_BROKER_BASE_URL: `${broker.url}/`,
  PACT_BROKER_TOKEN: token,
  CONTRACT_VERSION: "abc123",
  CONTRACT_BRANCH: "feature/x",
  PACT_DEPLOY_ENVIRONMENT: "production",
  CONTRACT_CAN_I_DEPLOY_RETRY_INTERVAL: "0",
});
const run = (args: string[], extra: Record<string, string> = {}) => runGate(args, { ...env(), ...extra });
const asked = (pacticipant: string) => broker.matrixQueries.filter((q) => q.pacticipants[0] === pacticipant);

const httpPact = {
  consumer: { name: HTTP_PACT.consumer },
  provider: { name: HTTP_PACT.provider },
  interactions: [
    {
      description: `a question (${runId})`,
      providerStates: [{ name: STATES.signedIn }],
      request: {
        method: "POST",
        path: "/chatbot",
        headers: { "Content-Type": "application/json" },
        body: {},
      },
      response: { status: 200, headers: { "Content-Type": "text/event-stream" }, body: "data: [DONE]\n\n" },
    },
  ],
  metadata: { pactSpecification: { version: "3.0.0" } },
};
const messagePact = {
  consumer: { name: MESSAGE_PACT.consumer },
  provider: { name: MESSAGE_PACT.provider },
  messages: [
    {
      description: `a chunk (${runId})`,
      providerStates: [{ name: STATES.modelAnswers }],
      contents: { chunk: runId },
      metadata: { contentType: "application/json" },
    },
  ],
  metadata: { pactSpecification: { version: "3.0.0" } },
};

it("no PACT_BROKER_BASE_URL: no broker (the local gate only)", () => {
  expect(brokerEnv({})).toBeUndefined();
});

it("no PACT_BROKER_BASE_URL: every command says it skipped and exits 0, asking nothing", async () => {
  for (const command of ["publish", "can-i-deploy", "record-deployment"]) {
    const result = await runGate([command, pactDir], {});
    expect(result).toEqual({
      code: 0,
      out: `contracts: PACT_BROKER_BASE_URL is not set; ${command} skipped (local gate only).\n`,
    });
  }
  expect(broker.requests).toEqual([]);
});

it("publish: pact-broker posts every pact file with the consumer version, branch and content", async () => {
  const { code, out } = await run(["publish", pactDir]);
  expect(code, out).toBe(0);
  const published = [...broker.publications].sort((a, b) => a.pacticipant.localeCompare(b.pacticipant));
  expect(published.map(({ pacticipant, version, branch }) => ({ pacticipant, version, branch }))).toEqual([
    { pacticipant: HTTP_PACT.consumer, version: "abc123", branch: "feature/x" },
    { pacticipant: MESSAGE_PACT.consumer, version: "abc123", branch: "feature/x" },
  ]);
  const [http, messages] = published.map((p) => p.contracts);
  expect(http?.map((c) => [c.providerName, c.pact.interactions])).toEqual([
    [HTTP_PACT.provider, httpPact.interactions],
  ]);
  expect(messages?.map((c) => [c.providerName, c.pact.messages])).toEqual([
    [MESSAGE_PACT.provider, messagePact.messages],
  ]);
  expect(broker.requests.map((r) => r.authorization)).toEqual(broker.requests.map(() => `Bearer ${token}`));
  expect(broker.unhandled).toEqual([]);
  expect(out).toContain("contracts: published http.json as ChatbotFrontend abc123");
  expect(out).toContain("contracts: published messages.json as ChatbotFrontendEvents abc123");
});

it("a refused publish is an error naming the status", async () => {
  const { code, out } = await run(["publish", pactDir], { PACT_BROKER_TOKEN: `${token}-wrong` });
  expect(code).toBe(1);
  expect(out).toMatch(/401/);
  expect(out).toContain("contracts: publishing the pacts failed (pact-broker exited 1)");
  expect(broker.publications).toEqual([]);
});

it("can-i-deploy asks the matrix for each backend pacticipant's version in the environment", async () => {
  const { code, out } = await run(["can-i-deploy"]);
  expect(code, out).toBe(0);
  expect(broker.matrixQueries).toEqual(
    [HTTP_PACT.provider, MESSAGE_PACT.provider].map((name) => ({
      pacticipants: [name],
      versions: ["abc123"],
      environment: "production",
      latestby: "cvpv",
    })),
  );
  expect(out).toContain("contracts: can-i-deploy ChatbotApi abc123 to production: yes");
  expect(out).toContain("contracts: can-i-deploy ChatbotApiEvents abc123 to production: yes");
});

it("the gate script exits 1 when the broker says no, 0 when it says yes", async () => {
  broker.answer("ChatbotApi", "no");
  const no = await run(["can-i-deploy"]);
  expect(no.code).toBe(1);
  expect(no.out).toMatch(/can-i-deploy ChatbotApi abc123 to production: NO/);
  broker.answer("ChatbotApi", "yes");
  const yes = await run(["can-i-deploy"]);
  expect(yes.code).toBe(0);
  // Two backend pacticipants, asked once each per run (the binary asks GET /matrix).
  expect(broker.matrixQueries).toHaveLength(4);
});

it("an unknown answer is asked again as often as configured, then is a NO", async () => {
  broker.answer("ChatbotApi", "unknown");
  const { code, out } = await run(["can-i-deploy"], { CONTRACT_CAN_I_DEPLOY_RETRIES: "2" });
  expect(code).toBe(1);
  expect(asked("ChatbotApi")).toHaveLength(3);
  expect(out).toContain(
    "There is no verified pact between the version of ChatbotFrontend currently in production",
  );
  expect(out).toMatch(/can-i-deploy ChatbotApi abc123 to production: NO/);
});

it("an unknown answer that turns into a yes while pact-broker waits lets the deploy go", async () => {
  broker.answer("ChatbotApi", "unknown", "unknown", "yes");
  const { code, out } = await run(["can-i-deploy"], { CONTRACT_CAN_I_DEPLOY_RETRIES: "5" });
  expect(code, out).toBe(0);
  expect(asked("ChatbotApi")).toHaveLength(3);
  expect(out).toContain("contracts: can-i-deploy ChatbotApi abc123 to production: yes");
});

it("a setting that is not a number stops the gate, naming the variable", async () => {
  const { code, out } = await run(["can-i-deploy"], { CONTRACT_CAN_I_DEPLOY_RETRIES: "often" });
  expect(code).toBe(1);
  expect(out).toContain('CONTRACT_CAN_I_DEPLOY_RETRIES must be a whole number, not "often"');
  expect(broker.requests).toEqual([]);
});
