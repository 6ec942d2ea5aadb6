/**
 * The production JWKS path, with no COGNITO_JWKS_URI: aws-jwt-verify's own default fetcher (node:https)
 * fetches `https://cognito-idp.<region>.amazonaws.com/<poolId>/.well-known/jwks.json`
 * (docs/platform-facts.md#cognito-tokens: JWKS at `<iss>/.well-known/jwks.json`; #aws-jwt-verify: the default
 * fetcher is HTTPS-only).
 *
 * How it stays offline and unmodified: the authenticator runs in a child process whose preload
 * (test-support/offline-network.cjs) resolves the issuer's host to 127.0.0.1, maps its port 443 to a
 * local HTTPS server and refuses every other name and non-loopback connection. The server's certificate
 * comes from a CA made at run time and trusted only through NODE_EXTRA_CA_CERTS, which Node reads at
 * process start (hence the child). The library's fetcher and Node's TLS verification (chain, SNI, host
 * name) run as in Lambda.
 */
import { type ChildProcess, fork } from "node:child_process";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newSigningKey, TestIdentityProvider } from "./test-support/identity-provider.js";
import { makeTestCa, type TestCa } from "./test-support/test-ca.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const idp = new TestIdentityProvider();
const ISSUER_HOST = new URL(idp.issuer).host;
const JWKS_PATH = `/${idp.userPoolId}/.well-known/jwks.json`;

interface Seen {
  paths: string[];
  serverNames: (string | false)[];
  tlsErrors: number;
}

let ca: TestCa;
let server: Server;
let port: number;
const seen: Seen = { paths: [], serverNames: [], tlsErrors: 0 };
const children: ChildProcess[] = [];

beforeAll(async () => {
  ca = makeTestCa("Chatbot Test Root CA", [ISSUER_HOST]);
  server = createServer({ key: ca.key, cert: ca.cert }, (req, res) => {
    seen.paths.push(req.url ?? "");
    seen.serverNames.push((req.socket as { servername?: string | false }).servername ?? false);
    if (req.url !== JWKS_PATH) {
      res.writeHead(404).end();
      return;
    }
    const keys = idp.keys.map((k) => ({
      ...k.publicKey.export({ format: "jwk" }),
      kid: k.kid,
      alg: "RS256",
      use: "sig",
    }));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys }));
  });
  server.on("tlsClientError", () => seen.tlsErrors++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const child of children) child.kill();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  server?.closeAllConnections();
  ca?.remove();
});

type Answer = { id: number; sub?: string; code?: string; message?: string; probe?: string };

/** Starts the handler's authenticator in a child with the production environment (no COGNITO_JWKS_URI). */
async function startAuthenticator(options: { trustCa: boolean }) {
  const child = fork(path.join(here, "test-support/authenticator-process.ts"), [], {
    execArgv: ["--import", "tsx", "--require", path.join(here, "test-support/offline-network.cjs")],
    env: {
      PATH: process.env.PATH,
      COGNITO_USER_POOL_ID: idp.userPoolId,
      COGNITO_CLIENT_ID: idp.clientId,
      GEMINI_API_KEY: "unused-in-this-test",
      OFFLINE_HOST_MAP: JSON.stringify({ [ISSUER_HOST]: port }),
      ...(options.trustCa ? { NODE_EXTRA_CA_CERTS: ca.caFile } : {}),
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`authenticator process exited with ${code}`)));
  });
  let next = 0;
  const ask = (message: { token?: string; probe?: string }) =>
    new Promise<Answer>((resolve) => {
      const id = ++next;
      const onMessage = (answer: Answer) => {
        if (answer.id !== id) return;
        child.off("message", onMessage);
        resolve(answer);
      };
      child.on("message", onMessage);
      child.send({ id, ...message });
    });
  return { ask, child };
}

it("fetches the issuer's well-known JWKS over verified HTTPS, caches it, and refetches on a new kid (rotation)", async () => {
  seen.paths.length = 0;
  const { ask } = await startAuthenticator({ trustCa: true });

  expect(await ask({ token: idp.mint() })).toMatchObject({ sub: "0a8e3c1e-5d7b-4a7e-9f51-3c1d2b6a9e01" });
  expect(seen.paths).toEqual([JWKS_PATH]);
  // SNI carried the issuer's host: the certificate was checked for that name.
  expect(seen.serverNames).toEqual([ISSUER_HOST]);

  // A second token with a known kid: served from the cache.
  expect(await ask({ token: idp.mint() })).toMatchObject({ sub: expect.any(String) });
  expect(seen.paths).toHaveLength(1);

  // Cognito rotates: a new key joins the JWKS and signs new tokens.
  const rotated = newSigningKey();
  idp.keys = [...idp.keys, rotated];
  expect(await ask({ token: idp.mint({ key: rotated }) })).toMatchObject({ sub: expect.any(String) });
  expect(seen.paths).toEqual([JWKS_PATH, JWKS_PATH]);

  // A kid that is in no JWKS, even after a refetch: refused.
  expect(await ask({ token: idp.mint({ key: newSigningKey() }) })).toMatchObject({
    code: "TOKEN_INVALID",
    message: "The ID token is not valid (unknown signing key).",
  });
});

it("refuses keys from a server whose certificate Node does not trust (TLS verification is live)", async () => {
  seen.paths.length = 0;
  const before = seen.tlsErrors;
  const { ask } = await startAuthenticator({ trustCa: false });
  expect(await ask({ token: idp.mint() })).toMatchObject({ code: "AUTH_UNAVAILABLE" });
  expect(seen.paths).toEqual([]);
  expect(seen.tlsErrors).toBeGreaterThan(before);
});

it("blocks every real network access from the authenticator's process", async () => {
  const { ask } = await startAuthenticator({ trustCa: true });
  expect((await ask({ probe: "https://cognito-idp.eu-west-1.amazonaws.com/" })).probe).toBe(
    "error offline-network: connecting to cognito-idp.eu-west-1.amazonaws.com is blocked in this test process",
  );
  expect((await ask({ probe: "https://192.0.2.1/" })).probe).toBe(
    "error offline-network: connecting to 192.0.2.1 is blocked in this test process",
  );
});
