import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CognitoServer, createCognitoServer } from "../cognito/server.js";
import { defaultConfig } from "../config/defaults.js";
import { createGeminiServer, type GeminiServer } from "../gemini/server.js";
import { DevEndpointsSettingError, devCallerAllowed, devEndpointAccess } from "./dev-access.js";
import { exposureWarning } from "./exposure-warning.js";
import { type SimulatedPeerServer, serveAsPeer } from "./simulated-peer.js";

describe("the setting", () => {
  it.each([
    [{}, "loopback"],
    [{ EMULATOR_DEV_ENDPOINTS: "" }, "loopback"],
    [{ EMULATOR_DEV_ENDPOINTS: "loopback" }, "loopback"],
    [{ EMULATOR_DEV_ENDPOINTS: "open" }, "open"],
  ])("%j -> %s", (env, access) => {
    expect(devEndpointAccess(env)).toBe(access);
  });
  it.each(["true", "1", "OPEN", "public"])(
    "refuses EMULATOR_DEV_ENDPOINTS=%s (only the exact word opens)",
    (v) => {
      expect(() => devEndpointAccess({ EMULATOR_DEV_ENDPOINTS: v })).toThrow(
        new DevEndpointsSettingError(
          `EMULATOR_DEV_ENDPOINTS must be "loopback" (default) or "open", got "${v}"`,
        ),
      );
    },
  );
});

describe("the decision", () => {
  it.each(["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.0.0.2"])("loopback peer %s is allowed", (peer) => {
    expect(devCallerAllowed(peer, "loopback")).toBe(true);
  });
  it.each(["203.0.113.7", "::ffff:192.168.1.20", "10.0.0.2", "fe80::1", undefined])(
    "peer %s is refused by default and allowed when open",
    (peer) => {
      expect(devCallerAllowed(peer, "loopback")).toBe(false);
      expect(devCallerAllowed(peer, "open")).toBe(true);
    },
  );
});

describe("through HTTP, the emulator's own apps", () => {
  let stateDir: string;
  let cognito: CognitoServer;
  let gemini: GeminiServer;
  let remoteIdp: SimulatedPeerServer;
  let remoteStub: SimulatedPeerServer;
  let localIdp: string;
  let localStub: string;
  beforeAll(async () => {
    const config = defaultConfig();
    stateDir = mkdtempSync(path.join(os.tmpdir(), "dev-access-"));
    cognito = createCognitoServer({ config: config.cognito, region: config.region, stateDir });
    gemini = createGeminiServer({ config: config.gemini });
    remoteIdp = await serveAsPeer(cognito.app, "203.0.113.7");
    remoteStub = await serveAsPeer(gemini.app, "203.0.113.7");
    localIdp = (await cognito.listen(0, "127.0.0.1")).url;
    localStub = (await gemini.listen(0, "127.0.0.1")).url;
  });
  afterAll(async () => {
    await remoteIdp.close();
    await remoteStub.close();
    await cognito.close();
    await gemini.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("Cognito /_dev/tokens: 403 FORBIDDEN in the dev routes' format for a remote peer", async () => {
    const res = await post(`${remoteIdp.url}/_dev/tokens`, { username: "alice" });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: {
        code: "FORBIDDEN",
        message:
          "/_dev/tokens answers only callers on this machine (loopback); set EMULATOR_DEV_ENDPOINTS=open to allow others.",
      },
    });
  });

  it("Cognito /_dev/keys/rotate: refused for a remote peer, the key is not rotated", async () => {
    const before = cognito.keys.current("id").kid;
    expect((await post(`${remoteIdp.url}/_dev/keys/rotate`, {})).status).toBe(403);
    expect(cognito.keys.current("id").kid).toBe(before);
  });

  it("Gemini stub /_stub/*: 403 PERMISSION_DENIED in Google's error form for a remote peer", async () => {
    const res = await fetch(`${remoteStub.url}/_stub/requests`);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: {
        code: 403,
        message:
          "/_stub/requests answers only callers on this machine (loopback); set EMULATOR_DEV_ENDPOINTS=open to allow others.",
        status: "PERMISSION_DENIED",
      },
    });
    const put = await fetch(`${remoteStub.url}/_stub/scenario`, {
      method: "PUT",
      body: '{"name":"rate-limit"}',
    });
    expect(put.status).toBe(403);
  });

  it("a remote peer still gets the public parts (JWKS)", async () => {
    const res = await fetch(`${remoteIdp.url}/${defaultConfig().cognito.userPoolId}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
  });

  it("a loopback caller keeps every dev endpoint", async () => {
    const minted = await post(`${localIdp}/_dev/tokens`, { username: "alice" });
    expect(minted.status).toBe(200);
    expect(await minted.json()).toMatchObject({ idToken: expect.any(String) });
    expect((await fetch(`${localStub}/_stub/requests`)).status).toBe(200);
  });
});

describe("the start banner", () => {
  it("says nothing for a loopback stack", () => {
    expect(exposureWarning(defaultConfig(), "loopback")).toEqual([]);
  });
  it("warns, naming the exposed services, when one listens on 0.0.0.0", () => {
    const config = defaultConfig();
    config.gemini.host = "0.0.0.0";
    expect(exposureWarning(config, "loopback")).toEqual([
      "  WARNING: listening beyond loopback: gemini stub 0.0.0.0.",
      "  Anyone who can reach these ports can use the stack; it is a development twin, not a hardened service.",
      "  Dev endpoints (/_dev/*, /_stub/*) still answer only this machine; EMULATOR_DEV_ENDPOINTS=open would open them.",
    ]);
    expect(exposureWarning(config, "open")[2]).toMatch(/OPEN to every caller/);
  });
});
