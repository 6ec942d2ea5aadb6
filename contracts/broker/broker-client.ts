/**
 * The two Pact Broker calls the gate needs, over the broker's HTTP API (docs.pact.io, "Publishing
 * pacts" and the index's `pb:can-i-deploy-*` relations). pact-js 16 ships no broker CLI (it moved to
 * the separate @pact-foundation/pact-cli package), and the API is stable, so no extra dependency.
 */
import type { BrokerEnv } from "../test-support/gate-env.js";

export class BrokerError extends Error {
  override name = "BrokerError";
}

function headers(broker: BrokerEnv): Record<string, string> {
  const out: Record<string, string> = { accept: "application/hal+json, application/json" };
  if (broker.token) out.authorization = `Bearer ${broker.token}`;
  else if (broker.username !== undefined) {
    out.authorization = `Basic ${Buffer.from(`${broker.username}:${broker.password ?? ""}`).toString("base64")}`;
  }
  return out;
}

async function call(broker: BrokerEnv, method: string, path: string, body?: string): Promise<unknown> {
  const url = `${broker.url}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { ...headers(broker), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new BrokerError(
      `${method} ${url} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const text = await response.text();
  if (!response.ok)
    throw new BrokerError(`${method} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

const seg = encodeURIComponent;

/** `PUT /pacts/provider/{P}/consumer/{C}/version/{V}`, then the version's branch when known. */
export async function publishPact(
  broker: BrokerEnv,
  pact: { consumer: string; provider: string; content: string },
): Promise<void> {
  await call(
    broker,
    "PUT",
    `/pacts/provider/${seg(pact.provider)}/consumer/${seg(pact.consumer)}/version/${seg(broker.version)}`,
    pact.content,
  );
  if (broker.branch) {
    await call(
      broker,
      "PUT",
      `/pacticipants/${seg(pact.consumer)}/branches/${seg(broker.branch)}/versions/${seg(broker.version)}`,
      "{}",
    );
  }
}

export interface CanIDeployResult {
  deployable: boolean;
  reason: string;
}

/** `GET /can-i-deploy?pacticipant=&version=&environment=`: may this version go to the environment? */
export async function canIDeploy(broker: BrokerEnv, pacticipant: string): Promise<CanIDeployResult> {
  const query = new URLSearchParams({
    pacticipant,
    version: broker.version,
    environment: broker.environment,
  });
  const result = (await call(broker, "GET", `/can-i-deploy?${query}`)) as
    | { summary?: { deployable?: boolean | null; reason?: string } }
    | undefined;
  const summary = result?.summary;
  if (!summary) throw new BrokerError(`can-i-deploy for ${pacticipant} returned no summary`);
  // `deployable: null` means "unknown" (e.g. not verified yet): not a yes.
  return { deployable: summary.deployable === true, reason: summary.reason ?? "(no reason given)" };
}
