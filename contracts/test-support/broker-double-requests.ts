/**
 * What the broker double reads from a request, checked as the Pact Broker checks it: a publication
 * against lib/pact_broker/api/contracts/publish_contracts_schema.rb and
 * publish_contracts_contract_contract.rb (messages from lib/pact_broker/locale/en.yml), in
 * github.com/pact-foundation/pact_broker, read 2026-12-07. A refusal is a 400 with `errors`, which
 * pact-broker prints.
 */
import type { PublishedContract } from "./broker-double-hal.js";

export class BrokerHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`broker double: ${status}`);
  }
}

export interface Publication {
  pacticipant: string;
  version: string;
  branch: string | undefined;
  tags: string[];
  /** Each contract with its content decoded from base64 and parsed. */
  contracts: Array<PublishedContract & { pact: Record<string, unknown> }>;
}

export interface MatrixQuery {
  pacticipants: string[];
  versions: string[];
  environment: string | null;
  latestby: string | null;
}

/** The body of `POST /contracts/publish`. */
export function parsePublication(body: string): Publication {
  const request = parseJson(body) as Record<string, unknown> | undefined;
  const pacticipant = stringField(request, "pacticipantName");
  const version = stringField(request, "pacticipantVersionNumber");
  const contracts = Array.isArray(request?.contracts)
    ? (request.contracts as Array<Record<string, unknown>>)
    : [];
  const missing = Object.entries({ pacticipantName: pacticipant, pacticipantVersionNumber: version })
    .filter(([, value]) => !value)
    .map(([name]) => [name, ["is missing"]]);
  if (missing.length > 0 || contracts.length === 0) {
    throw new BrokerHttpError(400, {
      errors: Object.fromEntries([...missing, ...(contracts.length ? [] : [["contracts", ["is missing"]]])]),
    });
  }
  return {
    pacticipant: pacticipant ?? "",
    version: version ?? "",
    branch: stringField(request, "branch"),
    tags: Array.isArray(request?.tags) ? (request.tags as string[]) : [],
    contracts: contracts.map((c, index) => decodeContract(c, index, pacticipant ?? "")),
  };
}

function decodeContract(c: Record<string, unknown>, index: number, pacticipant: string) {
  const consumerName = stringField(c, "consumerName") ?? "";
  const providerName = stringField(c, "providerName") ?? "";
  const fail = (message: string) =>
    new BrokerHttpError(400, { errors: { [`contracts.${index}`]: [message] } });
  if (consumerName !== pacticipant)
    throw fail(`consumerName ('${consumerName}') must match pacticipantName ('${pacticipant}')`);
  if (c.specification !== "pact" || c.contentType !== "application/json")
    throw fail("specification must be pact and contentType application/json");
  const pact = parseJson(Buffer.from(String(c.content ?? ""), "base64").toString("utf8"));
  if (typeof pact !== "object" || pact === null)
    throw fail("content could not be parsed as application/json");
  const inContent = (pact as { consumer?: { name?: unknown } }).consumer?.name;
  if (inContent !== consumerName) {
    throw fail(
      `consumer name in contract content ('${String(inContent)}') must match consumerName in contract params ('${consumerName}')`,
    );
  }
  return { consumerName, providerName, pact: pact as Record<string, unknown> };
}

/** `GET /matrix?q[][pacticipant]=…&q[][version]=…&latestby=…&environment=…` */
export function parseMatrixQuery(url: URL): MatrixQuery {
  return {
    pacticipants: url.searchParams.getAll("q[][pacticipant]"),
    versions: url.searchParams.getAll("q[][version]"),
    environment: url.searchParams.get("environment"),
    latestby: url.searchParams.get("latestby"),
  };
}

/** The optional body of a record-deployment POST. */
export function parseApplicationInstance(body: string): string | null {
  return (
    stringField(parseJson(body || "{}") as Record<string, unknown> | undefined, "applicationInstance") ?? null
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function stringField(object: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = object?.[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}
