/**
 * The gate's broker half against a recording stand-in broker on loopback. What is checked is this
 * code's side of the wire (paths, methods, auth, reading `summary.deployable`), as documented by the
 * Pact Broker; it is not a claim about a real broker's behaviour.
 */
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { brokerEnv } from "../test-support/gate-env.js";
import { canIDeploy, publishPact } from "./broker-client.js";

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

const seen: Seen[] = [];
let deployable: boolean | null = true;
let url = "";
const server = createServer(async (req: IncomingMessage, res) => {
  let body = "";
  for await (const part of req) body += String(part);
  seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, body });
  if (req.url?.startsWith("/can-i-deploy")) {
    res.writeHead(200, { "content-type": "application/hal+json" });
    res.end(
      JSON.stringify({
        summary: {
          deployable,
          reason: deployable
            ? "All required verification results are published and successful"
            : "There is no verified pact",
        },
      }),
    );
    return;
  }
  if (req.url?.startsWith("/pacts/provider/Broken")) {
    res.writeHead(401, { "content-type": "application/json" }).end('{"error":"unauthorised"}');
    return;
  }
  res.writeHead(200, { "content-type": "application/hal+json" }).end("{}");
});
// A token generated per run, never a fixture.
const token = `t-${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  seen.length = 0;
  deployable = true;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const env = () => ({
  PACT_BROKER_BASE_URL: `${url}/`,
  PACT_BROKER_TOKEN: token,
  CONTRACT_VERSION: "abc123",
  CONTRACT_BRANCH: "feature/x",
  PACT_DEPLOY_ENVIRONMENT: "production",
});

it("no PACT_BROKER_BASE_URL: no broker (the local gate only)", () => {
  expect(brokerEnv({})).toBeUndefined();
});

it("publishes a pact with PUT /pacts/provider/{P}/consumer/{C}/version/{V}, then records its branch", async () => {
  const broker = brokerEnv(env());
  if (!broker) throw new Error("expected a broker");
  await publishPact(broker, { consumer: "ChatbotFrontend", provider: "ChatbotApi", content: '{"a":1}' });
  expect(seen).toEqual([
    {
      method: "PUT",
      url: "/pacts/provider/ChatbotApi/consumer/ChatbotFrontend/version/abc123",
      authorization: `Bearer ${token}`,
      body: '{"a":1}',
    },
    {
      method: "PUT",
      url: "/pacticipants/ChatbotFrontend/branches/feature%2Fx/versions/abc123",
      authorization: `Bearer ${token}`,
      body: "{}",
    },
  ]);
});

it("a refused publish is an error naming the status", async () => {
  const broker = brokerEnv(env());
  if (!broker) throw new Error("expected a broker");
  await expect(publishPact(broker, { consumer: "C", provider: "Broken", content: "{}" })).rejects.toThrow(
    /answered 401/,
  );
});

it("can-i-deploy asks for the version and environment and reads summary.deployable", async () => {
  const broker = brokerEnv(env());
  if (!broker) throw new Error("expected a broker");
  expect(await canIDeploy(broker, "ChatbotApi")).toEqual({
    deployable: true,
    reason: "All required verification results are published and successful",
  });
  expect(seen[0]?.url).toBe("/can-i-deploy?pacticipant=ChatbotApi&version=abc123&environment=production");
  deployable = null;
  expect((await canIDeploy(broker, "ChatbotApi")).deployable).toBe(false);
});

it("the gate script exits 1 when the broker says no, 0 when it says yes", async () => {
  const run = (extra: Record<string, string>) =>
    promisify(execFile)("npx", ["tsx", path.join(import.meta.dirname, "gate.ts"), "can-i-deploy"], {
      env: { ...process.env, ...env(), ...extra },
    }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
  deployable = false;
  const no = await run({});
  expect(no.code).toBe(1);
  expect(no.out).toMatch(/can-i-deploy ChatbotApi abc123 to production: NO/);
  deployable = true;
  const yes = await run({});
  expect(yes.code).toBe(0);
  expect(seen.filter((s) => s.url.startsWith("/can-i-deploy"))).toHaveLength(8);
});
