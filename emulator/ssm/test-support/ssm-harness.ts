/**
 * Test support for the emulated SSM: a server on port 0 built from the pinned defaults (the role as
 * terraform/iam.tf writes it), AWS's own SSM client signed as the function's role session, and raw
 * signed POSTs for what a client does not show (headers, exact bodies).
 */
import { SSMClient } from "@aws-sdk/client-ssm";
import { signRequest } from "../../aws/sigv4-sign.js";
import { defaultConfig } from "../../config/defaults.js";
import type { StackConfig } from "../../config/types.js";
import { createSsmServer, type SsmServer } from "../server.js";

export interface RunningSsm {
  server: SsmServer;
  config: StackConfig;
  url: string;
  logs: string[];
  /** AWS's client, as the handler builds it, with the role session's keys (or `credentials`). */
  client(credentials?: StackConfig["credentials"]["functionRole"]): SSMClient;
  close(): Promise<void>;
}

/** The pinned defaults, edited by `edit`, served on 127.0.0.1 port 0 (with `clock`, when given). */
export async function startSsm(
  edit?: (config: StackConfig) => void,
  options: { clock?: () => number } = {},
): Promise<RunningSsm> {
  const config = defaultConfig();
  edit?.(config);
  const logs: string[] = [];
  const server = createSsmServer({ config, log: (line) => logs.push(line), clock: options.clock });
  const { url } = await server.listen(0, "127.0.0.1");
  const clients: SSMClient[] = [];
  return {
    server,
    config,
    url,
    logs,
    client(credentials = config.credentials.functionRole) {
      const client = new SSMClient({ region: config.region, endpoint: url, credentials, maxAttempts: 1 });
      clients.push(client);
      return client;
    },
    async close() {
      for (const c of clients) c.destroy();
      await server.close();
    },
  };
}

/** A raw `POST /` with `X-Amz-Target: AmazonSSM.<operation>`, signed by AWS's signer unless `sign` is false. */
export async function postRaw(
  running: RunningSsm,
  operation: string,
  body: string,
  options: { sign?: boolean; service?: string; secret?: string } = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const host = new URL(running.url).host;
  let headers: Record<string, string> = {
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": `AmazonSSM.${operation}`,
  };
  if (options.sign !== false) {
    const keys = running.config.credentials.functionRole;
    headers = await signRequest(
      { method: "POST", host, path: "/", headers, body },
      {
        credentials: { ...keys, secretAccessKey: options.secret ?? keys.secretAccessKey },
        region: running.config.region,
        service: options.service ?? "ssm",
        signingDate: new Date(),
      },
    );
  }
  // fetch sends the Host it was signed for (the URL's); it may not be set by hand.
  const { host: _signedHost, ...sent } = headers;
  const res = await fetch(`${running.url}/`, { method: "POST", headers: sent, body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
