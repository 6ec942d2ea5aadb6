/**
 * A Pact Broker double on loopback that answers the HAL requests `pact-broker` (the Rust
 * pact-broker-cli shipped by @pact-foundation/pact-cli) sends, and records what it received so the
 * gate's tests can assert on it. The requests, from github.com/pact-foundation/pact-broker-cli
 * (0.8.6 sources read 2026-12-07; the installed binary is 0.8.8) and seen with `--log-level trace`:
 *   publish            GET / (`pb:publish-contracts`), POST /contracts/publish, one per pact
 *                      (src/cli/pact_broker/main/pact_publish.rs, utils.rs get_broker_relation)
 *   can-i-deploy       GET /matrix?q[][pacticipant]=&q[][version]=&latestby=cvpv&environment=
 *                      (src/cli/pact_broker/main/can_i_deploy.rs), repeated while `deployable` is null
 *                      when --retry-while-unknown is given
 *   record-deployment  GET /pacticipants/{P}/versions/{V} (`pb:record-deployment` named by the
 *                      environment), POST to that link (main/deployments/record_deployment.rs)
 * The Ruby client (github.com/pact-foundation/pact_broker-client, lib/pact_broker/client/
 * publish_pacts.rb, matrix.rb, deployments/record_deployment.rb) uses the same resources. Anything
 * else is answered 404 and listed in `unhandled`, so a new request shows up as a failing test.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Counterpart,
  deployedVersionDocument,
  type Environment,
  indexDocument,
  matrixDocument,
  publishResultDocument,
  type Verdict,
  versionDocument,
} from "./broker-double-hal.js";
import {
  BrokerHttpError,
  type MatrixQuery,
  type Publication,
  parseApplicationInstance,
  parseMatrixQuery,
  parsePublication,
} from "./broker-double-requests.js";

export type { Verdict } from "./broker-double-hal.js";
export type { MatrixQuery, Publication } from "./broker-double-requests.js";

export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as sent. */
  url: string;
  authorization: string | undefined;
  body: string;
}

export interface Deployment {
  pacticipant: string;
  version: string;
  environment: string;
  applicationInstance: string | null;
}

export interface BrokerDoubleOptions {
  /** Require `Authorization: Bearer <token>`. */
  token?: string;
  /** Require HTTP basic auth with these credentials. */
  basic?: { username: string; password: string };
  /** Environment names (the real broker seeds `test` and `production`). */
  environments?: string[];
  /** Versions that exist before the run, e.g. provider versions created by a verification result. */
  versions?: Array<{ pacticipant: string; version: string }>;
  /** Integrations known before the run (publishing adds more). */
  integrations?: Array<{ consumer: string; provider: string }>;
  /** What is already deployed (recording adds more). */
  deployed?: Array<{ pacticipant: string; version: string; environment: string }>;
}

type Answer = [status: number, document: unknown];

export class BrokerDouble {
  url = "";
  readonly requests: ReceivedRequest[] = [];
  readonly publications: Publication[] = [];
  readonly matrixQueries: MatrixQuery[] = [];
  readonly deployments: Deployment[] = [];
  readonly unhandled: string[] = [];
  private readonly environments: Environment[];
  private readonly versions: Set<string>;
  private readonly integrations: Array<{ consumer: string; provider: string }>;
  private readonly deployed: Array<{ pacticipant: string; version: string; environment: string }>;
  private readonly verdicts = new Map<string, Verdict[]>();
  readonly server: Server = createServer((req, res) => void this.handle(req, res));

  constructor(private readonly options: BrokerDoubleOptions) {
    const names = options.environments ?? ["test", "production"];
    this.environments = names.map((name) => ({ name, uuid: randomUUID() }));
    this.versions = new Set((options.versions ?? []).map((v) => key(v.pacticipant, v.version)));
    this.integrations = [...(options.integrations ?? [])];
    this.deployed = [...(options.deployed ?? [])];
  }

  /** The next matrix answers for a pacticipant, in order; the last one repeats. Default: yes. */
  answer(pacticipant: string, ...verdicts: Verdict[]): void {
    this.verdicts.set(pacticipant, verdicts);
  }

  /** Forgets what was received and the answers set; what exists in the broker stays. */
  reset(): void {
    for (const list of [
      this.requests,
      this.publications,
      this.matrixQueries,
      this.deployments,
      this.unhandled,
    ])
      list.length = 0;
    this.verdicts.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = "";
    for await (const part of req) body += String(part);
    const authorization = req.headers.authorization;
    this.requests.push({ method: req.method ?? "", url: req.url ?? "", authorization, body });
    let answer: Answer;
    try {
      // Assumption: the bodies of the 401 here and of the 404s below (a missing version or
      // environment); pact-broker acts on the status and prints whatever body comes with it.
      // Source: none recorded; the statuses follow the broker's resources (a resource that does
      // not exist is a 404).
      if (!this.authorised(authorization)) throw new BrokerHttpError(401, { error: "Unauthorized" });
      answer = this.route(req.method ?? "", new URL(req.url ?? "/", this.url), body);
    } catch (error) {
      // A fault of the double itself is listed and refused (a 5xx would make pact-broker retry for
      // minutes), so the test fails at once.
      if (!(error instanceof BrokerHttpError))
        this.unhandled.push(`${req.method} ${req.url}: ${String(error)}`);
      answer =
        error instanceof BrokerHttpError ? [error.status, error.body] : [400, { error: String(error) }];
    }
    res.writeHead(answer[0], { "content-type": "application/hal+json;charset=utf-8" });
    res.end(JSON.stringify(answer[1]));
  }

  private route(method: string, url: URL, body: string): Answer {
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (method === "GET" && parts.length === 0) return [200, indexDocument(this.url)];
    if (method === "POST" && url.pathname === "/contracts/publish") return this.publish(body);
    if (method === "GET" && url.pathname === "/matrix") return this.matrix(url);
    const [root, pacticipant = "", versions, number = "", deployedVersions, , uuid = ""] = parts;
    if (root === "pacticipants" && versions === "versions") {
      if (method === "GET" && parts.length === 4) return this.version(pacticipant, number);
      if (method === "POST" && parts.length === 7 && deployedVersions === "deployed-versions")
        return this.recordDeployment(pacticipant, number, uuid, body);
    }
    this.unhandled.push(`${method} ${url.pathname}${url.search}`);
    return [404, { error: `not emulated by the broker double: ${method} ${url.pathname}` }];
  }

  private publish(body: string): Answer {
    const publication = parsePublication(body);
    this.publications.push(publication);
    this.versions.add(key(publication.pacticipant, publication.version));
    for (const c of publication.contracts)
      this.integrations.push({ consumer: c.consumerName, provider: c.providerName });
    return [200, publishResultDocument(this.url, publication, publication.contracts)];
  }

  private matrix(url: URL): Answer {
    const query = parseMatrixQuery(url);
    this.matrixQueries.push(query);
    const name = query.pacticipants[0] ?? "";
    const queue = this.verdicts.get(name) ?? [];
    const verdict = (queue.length > 1 ? queue.shift() : queue[0]) ?? "yes";
    const environment = query.environment ?? undefined;
    const pacticipant = { name, version: query.versions[0] ?? "" };
    return [200, matrixDocument(pacticipant, environment, this.counterpart(name, environment), verdict)];
  }

  /** The integration partner deployed in the environment, which the answer is about. */
  private counterpart(name: string, environment: string | undefined): Counterpart | undefined {
    for (const i of this.integrations) {
      if (i.consumer !== name && i.provider !== name) continue;
      const other = i.consumer === name ? i.provider : i.consumer;
      const live = this.deployed.findLast((d) => d.pacticipant === other && d.environment === environment);
      if (live) return { name: other, version: live.version, pacticipantIsConsumer: i.consumer === name };
    }
    return undefined;
  }

  private version(pacticipant: string, number: string): Answer {
    if (!this.versions.has(key(pacticipant, number))) throw new BrokerHttpError(404, {});
    return [200, versionDocument(this.url, pacticipant, number, this.environments)];
  }

  private recordDeployment(pacticipant: string, number: string, uuid: string, body: string): Answer {
    const environment = this.environments.find((e) => e.uuid === uuid);
    if (!environment || !this.versions.has(key(pacticipant, number))) throw new BrokerHttpError(404, {});
    const applicationInstance = parseApplicationInstance(body);
    this.deployments.push({
      pacticipant,
      version: number,
      environment: environment.name,
      applicationInstance,
    });
    this.deployed.push({ pacticipant, version: number, environment: environment.name });
    const record = { uuid: randomUUID(), pacticipant, version: number, environment };
    return [201, deployedVersionDocument(this.url, record, applicationInstance)];
  }

  private authorised(header: string | undefined): boolean {
    if (this.options.token !== undefined) return header === `Bearer ${this.options.token}`;
    if (!this.options.basic) return true;
    const { username, password } = this.options.basic;
    return header === `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  }
}

/** @example const broker = await startBrokerDouble({ token }); ... broker.publications */
export async function startBrokerDouble(options: BrokerDoubleOptions = {}): Promise<BrokerDouble> {
  const double = new BrokerDouble(options);
  await new Promise<void>((resolve) => double.server.listen(0, "127.0.0.1", resolve));
  double.url = `http://127.0.0.1:${(double.server.address() as AddressInfo).port}`;
  return double;
}

function key(pacticipant: string, version: string): string {
  return `${pacticipant}\n${version}`;
}
