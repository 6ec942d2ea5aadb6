/**
 * The HAL documents the broker double answers with, shaped like the Pact Broker's own decorators
 * (github.com/pact-foundation/pact_broker, read 2026-12-07):
 *   - the index: lib/pact_broker/api/resources/index.rb (`pb:publish-contracts` -> /contracts/publish)
 *   - a publication's result: lib/pact_broker/api/decorators/publish_contracts_results_decorator.rb
 *   - a version: lib/pact_broker/api/decorators/version_decorator.rb (`pb:record-deployment`, one
 *     link per environment, named by the environment's name)
 *   - a recorded deployment: lib/pact_broker/api/decorators/deployed_version_decorator.rb
 *   - the matrix: lib/pact_broker/api/decorators/matrix_decorator.rb, `summary.deployable` from
 *     lib/pact_broker/matrix/deployment_status_summary.rb (true, false, or null for "unknown") and
 *     the reason texts from lib/pact_broker/api/decorators/reason_decorator.rb.
 * The requests themselves are the ones pact-broker-cli sends (see broker-double.ts).
 */

export type Verdict = "yes" | "no" | "unknown";

export interface Environment {
  uuid: string;
  name: string;
}

const seg = encodeURIComponent;

export function indexDocument(base: string): unknown {
  return {
    _links: {
      self: { href: base, title: "Index", templated: false },
      "pb:publish-contracts": {
        href: `${base}/contracts/publish`,
        title: "Publish contracts",
        templated: false,
      },
      "pb:environments": { href: `${base}/environments`, title: "Environments", templated: false },
      "pb:pacticipant-version": {
        href: `${base}/pacticipants/{pacticipant}/versions/{version}`,
        title: "Get, create or delete a pacticipant version",
        templated: true,
      },
    },
  };
}

export interface PublishedContract {
  consumerName: string;
  providerName: string;
}

export function publishResultDocument(
  base: string,
  publication: { pacticipant: string; version: string; branch?: string | undefined; tags: string[] },
  contracts: PublishedContract[],
): unknown {
  const pacticipantUrl = `${base}/pacticipants/${seg(publication.pacticipant)}`;
  const versionUrl = `${pacticipantUrl}/versions/${seg(publication.version)}`;
  const notices = [
    {
      type: "success",
      text: `Created ${publication.pacticipant} version ${publication.version}${publication.branch ? ` with branch ${publication.branch}` : ""}`,
    },
    ...contracts.map((c) => ({
      type: "success",
      text: `Pact published for ${c.consumerName} version ${publication.version} and provider ${c.providerName}.`,
    })),
  ];
  return {
    logs: notices.map((n) => ({ level: n.type, message: n.text, deprecationWarning: "Replaced by notices" })),
    notices,
    _embedded: {
      pacticipant: { name: publication.pacticipant, _links: { self: { href: pacticipantUrl } } },
      version: {
        number: publication.version,
        _links: { self: { title: "Version", name: publication.version, href: versionUrl } },
      },
    },
    _links: {
      "pb:pacticipant": { title: "Pacticipant", name: publication.pacticipant, href: pacticipantUrl },
      "pb:pacticipant-version": { title: "Pacticipant version", name: publication.version, href: versionUrl },
      "pb:pacticipant-version-tags": publication.tags.map((tag) => ({
        title: "Tag",
        name: tag,
        href: `${versionUrl}/tags/${seg(tag)}`,
      })),
      "pb:contracts": contracts.map((c) => ({
        title: "Pact",
        name: `Pact between ${c.consumerName} (${publication.version}) and ${c.providerName}`,
        href: `${base}/pacts/provider/${seg(c.providerName)}/consumer/${seg(c.consumerName)}/version/${seg(publication.version)}`,
      })),
    },
  };
}

export function versionDocument(
  base: string,
  pacticipant: string,
  version: string,
  environments: Environment[],
): unknown {
  const versionUrl = `${base}/pacticipants/${seg(pacticipant)}/versions/${seg(version)}`;
  return {
    number: version,
    _links: {
      self: { title: "Version", name: version, href: versionUrl },
      "pb:pacticipant": {
        title: "Pacticipant",
        name: pacticipant,
        href: `${base}/pacticipants/${seg(pacticipant)}`,
      },
      "pb:record-deployment": environments.map((e) => ({
        title: `Record deployment to ${e.name}`,
        name: e.name,
        href: `${versionUrl}/deployed-versions/environment/${e.uuid}`,
      })),
    },
  };
}

export function deployedVersionDocument(
  base: string,
  deployment: { uuid: string; pacticipant: string; version: string; environment: Environment },
  applicationInstance: string | null,
): unknown {
  return {
    uuid: deployment.uuid,
    currentlyDeployed: true,
    target: applicationInstance,
    applicationInstance,
    _embedded: {
      pacticipant: { name: deployment.pacticipant },
      version: { number: deployment.version },
      environment: { uuid: deployment.environment.uuid, name: deployment.environment.name },
    },
    _links: { self: { href: `${base}/deployed-versions/${deployment.uuid}` } },
  };
}

/** The integration partner named in a matrix row: who the pacticipant was (or was not) verified with. */
export interface Counterpart {
  name: string;
  version: string;
  /** The pacticipant under question is the consumer of this integration. */
  pacticipantIsConsumer: boolean;
}

export function matrixDocument(
  pacticipant: { name: string; version: string },
  environment: string | undefined,
  counterpart: Counterpart | undefined,
  verdict: Verdict,
): unknown {
  const self = `version ${pacticipant.version} of ${pacticipant.name}`;
  const other = counterpart
    ? `the version of ${counterpart.name} currently in ${environment ?? "the environment"} (${counterpart.version})`
    : "";
  const [consumer, provider] = counterpart?.pacticipantIsConsumer ? [self, other] : [other, self];
  const reason = !counterpart
    ? "There are no missing dependencies"
    : verdict === "yes"
      ? "All required verification results are published and successful"
      : verdict === "no"
        ? `The verification for the pact between ${consumer} and ${provider} failed`
        : `There is no verified pact between ${consumer} and ${provider}`;
  const deployable = !counterpart || verdict === "yes" ? true : verdict === "no" ? false : null;
  const row = counterpart ? matrixRow(pacticipant, counterpart, verdict) : undefined;
  return {
    summary: {
      deployable,
      reason,
      success: verdict === "yes" && row ? 1 : 0,
      failed: verdict === "no" && row ? 1 : 0,
      unknown: verdict === "unknown" && row ? 1 : 0,
    },
    notices: [{ type: deployable === true ? "success" : "error", text: reason }],
    matrix: row ? [row] : [],
  };
}

function matrixRow(
  pacticipant: { name: string; version: string },
  counterpart: Counterpart,
  verdict: Verdict,
) {
  const us = { name: pacticipant.name, version: { number: pacticipant.version } };
  const them = { name: counterpart.name, version: { number: counterpart.version } };
  const [consumer, provider] = counterpart.pacticipantIsConsumer ? [us, them] : [them, us];
  return {
    consumer,
    provider,
    pact: { createdAt: "2026-12-07T00:00:00+00:00" },
    verificationResult:
      verdict === "unknown"
        ? null
        : {
            success: verdict === "yes",
            verifiedAt: "2026-12-07T00:00:00+00:00",
            _links: { self: { href: "/" } },
          },
  };
}
