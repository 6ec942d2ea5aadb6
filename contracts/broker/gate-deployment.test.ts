/**
 * `gate.ts record-deployment` (the deploy workflow's step after `terraform apply`) and what the gate
 * prints when the broker's credentials pass through `pact-broker`: the real binary against the
 * broker double on loopback.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { type BrokerDouble, startBrokerDouble } from "../test-support/broker-double.js";
import { HTTP_PACT, MESSAGE_PACT } from "../test-support/pact-setup.js";
import { runGate } from "../test-support/run-gate.js";

// Credentials generated per run, never fixtures.
const token = `t-${Math.random().toString(36).slice(2)}`;
const password = `p-${Math.random().toString(36).slice(2)}`;
let broker: BrokerDouble;

beforeAll(async () => {
  // The provider versions exist: the provider verification published its results under them.
  broker = await startBrokerDouble({
    token,
    versions: [HTTP_PACT.provider, MESSAGE_PACT.provider].map((pacticipant) => ({
      pacticipant,
      version: "abc123",
    })),
  });
});
beforeEach(() => broker.reset());
afterAll(() => broker.close());

const env = (extra: Record<string, string> = {}) => ({
  PACT_BROKER_BASE_URL: broker.url,
  PACT_BROKER_TOKEN: token,
  CONTRACT_VERSION: "abc123",
  PACT_DEPLOY_ENVIRONMENT: "production",
  CONTRACT_CAN_I_DEPLOY_RETRY_INTERVAL: "0",
  ...extra,
});

it("record-deployment records each backend pacticipant at this version in the environment", async () => {
  const { code, out } = await runGate(["record-deployment"], env());
  expect(code, out).toBe(0);
  expect(broker.deployments).toEqual([
    { pacticipant: "ChatbotApi", version: "abc123", environment: "production", applicationInstance: null },
    {
      pacticipant: "ChatbotApiEvents",
      version: "abc123",
      environment: "production",
      applicationInstance: null,
    },
  ]);
  expect(broker.unhandled).toEqual([]);
  expect(out).toContain("contracts: record-deployment ChatbotApi abc123 to production: recorded");
  expect(out).toContain("contracts: record-deployment ChatbotApiEvents abc123 to production: recorded");
});

it("record-deployment fails when the broker does not know the version", async () => {
  const { code, out } = await runGate(["record-deployment"], env({ CONTRACT_VERSION: "never-verified" }));
  expect(code).toBe(1);
  expect(broker.deployments).toEqual([]);
  expect(out).toMatch(/404/);
  expect(out).toContain("contracts: record-deployment ChatbotApi never-verified to production: FAILED");
});

it("record-deployment fails when the broker has no such environment", async () => {
  const { code, out } = await runGate(["record-deployment"], env({ PACT_DEPLOY_ENVIRONMENT: "staging" }));
  expect(code).toBe(1);
  expect(broker.deployments).toEqual([]);
  expect(out).toContain("Environment staging does not exist");
});

it("the token never reaches the log, not even in pact-broker's debug output", async () => {
  const { code, out } = await runGate(["can-i-deploy"], env({ CONTRACT_BROKER_LOG_LEVEL: "debug" }));
  expect(code, out).toBe(0);
  // The binary did use the token, and its debug output is where it would have shown.
  expect(broker.requests.map((r) => r.authorization)).toContain(`Bearer ${token}`);
  expect(out).toMatch(/DEBUG/);
  expect(out).toContain("[redacted]");
  expect(out).not.toContain(token);
});

it("a password in the broker URL never reaches the log, though pact-broker's error prints the URL", async () => {
  const withBasic = await startBrokerDouble({ basic: { username: "ci", password } });
  try {
    const url = new URL(withBasic.url);
    url.username = "ci";
    url.password = password;
    const { code, out } = await runGate(["record-deployment"], {
      ...env(),
      PACT_BROKER_TOKEN: "",
      PACT_BROKER_BASE_URL: url.toString(),
    });
    expect(code).toBe(1);
    // The credentials did reach the broker (as basic auth taken from the URL)...
    const basic = `Basic ${Buffer.from(`ci:${password}`).toString("base64")}`;
    expect(withBasic.requests.map((r) => r.authorization)).toContain(basic);
    // ...and the 404 for the unknown version names the URL, with the password redacted.
    expect(out).toContain("URL: 'http://ci:[redacted]@127.0.0.1");
    expect(out).not.toContain(password);
  } finally {
    await withBasic.close();
  }
});
