/**
 * Exposure (issue 15): the dev endpoints that exist only in the twin (Cognito `/_dev/tokens` mints a valid
 * token for any user, `/_dev/keys/rotate`; the stub's `/_stub/*` journal and scenarios) must not answer
 * the network when the stack listens beyond loopback, unless opened on purpose; and `npm start` must say
 * so in its banner.
 *
 * These cases run the emulator's own Cognito and Gemini stub apps in-process, behind a listener on
 * 127.0.0.1 that reports a documentation address (203.0.113.7, RFC 5737) as the peer: the suite cannot
 * call from another machine, and a second loopback address would still be loopback. They need the
 * offline twin (the `mint` and `stub` powers), as a deployment has no dev endpoints.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import express from "express";
import { devRouter } from "../../emulator/cognito/dev-routes.js";
import { type CognitoServer, createCognitoServer } from "../../emulator/cognito/server.js";
import { defaultConfig } from "../../emulator/config/defaults.js";
import { createGeminiServer, type GeminiServer } from "../../emulator/gemini/server.js";
import { stubControlRouter } from "../../emulator/gemini/stub-controls.js";
import { devEndpointAccess } from "../../emulator/stack/dev-access.js";
import { exposureWarning } from "../../emulator/stack/exposure-warning.js";
import { serveAsPeer } from "../../emulator/stack/simulated-peer.js";
import type { AttackCase, Outcome } from "../case.js";

const REMOTE_PEER = "203.0.113.7";

interface DevServers {
  cognito: CognitoServer;
  gemini: GeminiServer;
}

async function withDevServers<T>(use: (servers: DevServers) => Promise<T>): Promise<T> {
  const config = defaultConfig();
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "attack-exposure-"));
  const cognito = createCognitoServer({ config: config.cognito, region: config.region, stateDir });
  const gemini = createGeminiServer({ config: config.gemini });
  try {
    // A new pool generates its signing keys asynchronously; the cases read its kid before any request.
    await cognito.keys.ready;
    return await use({ cognito, gemini });
  } finally {
    await gemini.close();
    await cognito.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

type Probe = { status: number; body: Record<string, unknown> };

async function call(base: string, method: string, route: string, body?: unknown): Promise<Probe> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const MINT = { username: "alice" };

function verdict(problems: string[], ok: string): Outcome {
  return { pass: problems.length === 0, observed: problems.length === 0 ? ok : problems.join("; ") };
}

const closedByDefault: AttackCase = {
  id: "EXP-01",
  category: "edge",
  name: "dev endpoints called from a non-loopback peer (default setting)",
  expected:
    "403 on /_dev/tokens, /_dev/keys/rotate (FORBIDDEN) and /_stub/* (PERMISSION_DENIED); no token, no rotation, no scenario change",
  needs: ["mint", "stub"],
  run: () =>
    withDevServers(async ({ cognito, gemini }) => {
      const problems: string[] = [];
      const kidBefore = cognito.keys.current("id").kid;
      const idp = await serveAsPeer(cognito.app, REMOTE_PEER);
      const stub = await serveAsPeer(gemini.app, REMOTE_PEER);
      try {
        for (const [route, answer] of [
          ["/_dev/tokens", await call(idp.url, "POST", "/_dev/tokens", MINT)],
          ["/_dev/keys/rotate", await call(idp.url, "POST", "/_dev/keys/rotate", {})],
        ] as const) {
          const error = answer.body.error as { code?: string } | undefined;
          if (answer.status !== 403 || error?.code !== "FORBIDDEN") {
            problems.push(`${route} answered ${answer.status} ${error?.code ?? JSON.stringify(answer.body)}`);
          }
          if ("idToken" in answer.body) problems.push(`${route} handed out a token`);
        }
        for (const [method, route, body] of [
          ["GET", "/_stub/requests", undefined],
          ["DELETE", "/_stub/requests", undefined],
          ["PUT", "/_stub/scenario", { name: "rate-limit" }],
        ] as const) {
          const answer = await call(stub.url, method, route, body);
          const error = answer.body.error as { code?: number; status?: string } | undefined;
          if (answer.status !== 403 || error?.status !== "PERMISSION_DENIED" || error.code !== 403) {
            problems.push(`${method} ${route} answered ${answer.status} ${JSON.stringify(answer.body)}`);
          }
        }
        // The public parts still answer: the rule is about the dev endpoints only.
        const jwks = await fetch(`${idp.url}/${defaultConfig().cognito.userPoolId}/.well-known/jwks.json`);
        if (jwks.status !== 200) problems.push(`JWKS answered ${jwks.status}`);
      } finally {
        await idp.close();
        await stub.close();
      }
      if (cognito.keys.current("id").kid !== kidBefore) problems.push("the signing key was rotated");
      return verdict(
        problems,
        "5 dev requests from 203.0.113.7: all 403 in the service's format, nothing changed",
      );
    }),
};

const loopbackAndOpen: AttackCase = {
  id: "EXP-02",
  category: "edge",
  name: "dev endpoints from loopback, and from a remote peer once EMULATOR_DEV_ENDPOINTS=open",
  expected: "loopback caller: 200 with tokens and the journal; remote peer with access open: 200",
  needs: ["mint", "stub"],
  run: () =>
    withDevServers(async ({ cognito, gemini }) => {
      const problems: string[] = [];
      // A real loopback socket: the servers listen on 127.0.0.1 and are called from it.
      const idp = await cognito.listen(0, "127.0.0.1");
      const stub = await gemini.listen(0, "127.0.0.1");
      const minted = await call(idp.url, "POST", "/_dev/tokens", MINT);
      if (minted.status !== 200 || typeof minted.body.idToken !== "string") {
        problems.push(`loopback /_dev/tokens answered ${minted.status}`);
      }
      const journal = await call(stub.url, "GET", "/_stub/requests");
      if (journal.status !== 200) problems.push(`loopback /_stub/requests answered ${journal.status}`);

      // Explicitly opened: the same routers with access "open" serve a remote peer.
      const access = devEndpointAccess({ EMULATOR_DEV_ENDPOINTS: "open" });
      const openApp = express();
      openApp.use(
        devRouter({
          keys: cognito.keys,
          mint: (u) => ({ ok: true, idToken: `id-${u}`, accessToken: "a" }),
          log: () => {},
          access,
        }),
      );
      openApp.use(
        stubControlRouter({
          journal: gemini.journal,
          getScenario: () => null,
          setScenario: () => {},
          log: () => {},
          access,
        }),
      );
      const remote = await serveAsPeer(openApp, REMOTE_PEER);
      try {
        const openMint = await call(remote.url, "POST", "/_dev/tokens", MINT);
        if (openMint.status !== 200) problems.push(`opened /_dev/tokens answered ${openMint.status}`);
        const openJournal = await call(remote.url, "GET", "/_stub/requests");
        if (openJournal.status !== 200)
          problems.push(`opened /_stub/requests answered ${openJournal.status}`);
      } finally {
        await remote.close();
      }
      return verdict(problems, "loopback: 200 (token minted, journal read); opened: 200 for 203.0.113.7");
    }),
};

const bannerWarns: AttackCase = {
  id: "EXP-03",
  category: "edge",
  name: "npm start's banner when the stack listens beyond loopback (STACK_HOST=0.0.0.0)",
  expected: "a WARNING naming every exposed service and the dev-endpoint rule; nothing for a loopback stack",
  needs: ["mint", "stub"],
  async run() {
    const problems: string[] = [];
    const config = defaultConfig();
    if (exposureWarning(config, "loopback").length > 0) problems.push("warns for a loopback stack");
    for (const part of [
      config.cognito,
      config.gemini,
      config.functionUrl,
      config.cloudfront,
      config.playground,
    ]) {
      part.host = "0.0.0.0";
    }
    const text = exposureWarning(config, "loopback").join("\n");
    if (!text.includes("WARNING: listening beyond loopback")) problems.push("no warning for 0.0.0.0");
    for (const name of ["cognito 0.0.0.0", "gemini stub 0.0.0.0", "cloudfront 0.0.0.0"]) {
      if (!text.includes(name)) problems.push(`warning does not name ${name}`);
    }
    if (!text.includes("EMULATOR_DEV_ENDPOINTS=open"))
      problems.push("warning does not name the dev-endpoint setting");
    const open = exposureWarning(config, "open").join("\n");
    if (!/OPEN to every caller/.test(open)) problems.push("no alarm when the dev endpoints are open");
    return verdict(problems, "0.0.0.0: WARNING names 5 services and the dev-endpoint rule; loopback: silent");
  },
};

export const exposureCases: AttackCase[] = [closedByDefault, loopbackAndOpen, bannerWarns];
