/**
 * What a web page could try against the twin's local surfaces, sent over real HTTP to the emulator's own
 * apps: Cognito's `/_dev/*`, the stub's `/_stub/*` and the inspector as CloudFront serves it. A loopback
 * caller (this test) passes the peer rule, as the developer's browser does, so only Host, Origin and
 * content type stand between a page and the routes. Each refusal must change nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cloudFrontOptionsFrom, createCloudFrontServer } from "../cloudfront/server.js";
import { type CognitoServer, createCognitoServer } from "../cognito/server.js";
import { defaultConfig } from "../config/defaults.js";
import { createGeminiServer, type GeminiServer } from "../gemini/server.js";
import { InspectorRecorder } from "../inspector/recorder.js";
import { inspectorRoutes } from "../inspector/routes.js";
import type { EmulatedService } from "./http-service.js";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with any Host, Origin and body type (fetch would not send a forged Host). */
function send(base: string, method: string, route: string, headers: Record<string, string>, body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(new URL(route, base), { method, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const PLAYGROUND = "http://127.0.0.1:15173";
const EVIL = "https://evil.example";
const JSON_TYPE = { "content-type": "application/json" };
const MINT = JSON.stringify({ username: "alice" });

const lines: string[] = [];
let stateDir: string;
let cognito: CognitoServer;
let gemini: GeminiServer;
let cloudfront: EmulatedService;
const recorder = new InspectorRecorder();
const url = { idp: "", stub: "", cf: "" };

beforeAll(async () => {
  const config = defaultConfig();
  stateDir = mkdtempSync(path.join(os.tmpdir(), "dev-surfaces-"));
  // A playground moved off its pinned port: the guard must follow the address it is given.
  const devAccess = { access: "loopback" as const, playground: () => ({ host: "127.0.0.1", port: 15173 }) };
  const log = (line: string) => lines.push(line);
  cognito = createCognitoServer({ config: config.cognito, region: config.region, stateDir, log, devAccess });
  gemini = createGeminiServer({ config: config.gemini, log, devAccess });
  const cf = cloudFrontOptionsFrom(config);
  cf.config = { ...cf.config, viewerRequestFunction: undefined };
  const localRoutes = inspectorRoutes(recorder, { serviceHost: cf.config.host, ...devAccess }, log);
  cloudfront = createCloudFrontServer({ ...cf, localRoutes, log });
  url.idp = (await cognito.listen(0, "127.0.0.1")).url;
  url.stub = (await gemini.listen(0, "127.0.0.1")).url;
  url.cf = (await cloudfront.listen(0, "127.0.0.1")).url;
});
afterAll(async () => {
  await cloudfront.close();
  await gemini.close();
  await cognito.close();
  rmSync(stateDir, { recursive: true, force: true });
});
beforeEach(() => {
  lines.length = 0;
  recorder.clear();
  recorder.hop("chat-1", "viewer-request", "cloudfront");
});

describe("Cognito /_dev/*", () => {
  it("refuses the POST of another site's page (Origin evil, text/plain): no token, no CORS", async () => {
    const res = await send(
      url.idp,
      "POST",
      "/_dev/tokens",
      { origin: EVIL, "content-type": "text/plain" },
      MINT,
    );
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toEqual({
      error: {
        code: "FORBIDDEN",
        message: `/_dev/tokens refused: Origin "${EVIL}" is not the playground's (${PLAYGROUND}, http://localhost:15173, http://[::1]:15173); pages of other sites may not call it.`,
      },
    });
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    expect(lines).toEqual([`dev endpoint POST /_dev/tokens refused (origin): Origin "${EVIL}"`]);
  });

  it("refuses any request with Host: evil.example (DNS rebinding), a rotation included", async () => {
    const before = cognito.keys.current("id").kid;
    for (const route of ["/_dev/tokens", "/_dev/keys/rotate"]) {
      const res = await send(url.idp, "POST", route, { ...JSON_TYPE, host: "evil.example" }, "{}");
      expect([res.status, JSON.parse(res.body).error.code]).toEqual([403, "FORBIDDEN"]);
    }
    expect(cognito.keys.current("id").kid).toBe(before);
  });

  it.each<[string, Record<string, string>]>([
    ["text/plain", { "content-type": "text/plain;charset=UTF-8" }],
    ["a form", { "content-type": "application/x-www-form-urlencoded" }],
    ["multipart", { "content-type": "multipart/form-data; boundary=b" }],
    ["no content type", {}],
  ])("refuses a POST with %s, even from the playground", async (_what, type) => {
    for (const origin of [{}, { origin: PLAYGROUND }] as Record<string, string>[]) {
      const res = await send(url.idp, "POST", "/_dev/tokens", { ...type, ...origin }, MINT);
      expect(res.status).toBe(403);
      expect(res.body).not.toContain("idToken");
    }
  });

  it("answers the playground's preflight and POST naming its origin; a foreign preflight gets 403 and no CORS", async () => {
    const preflight = await send(url.idp, "OPTIONS", "/_dev/tokens", {
      origin: PLAYGROUND,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe(PLAYGROUND);
    const minted = await send(url.idp, "POST", "/_dev/tokens", { ...JSON_TYPE, origin: PLAYGROUND }, MINT);
    expect(minted.status).toBe(200);
    expect(minted.headers["access-control-allow-origin"]).toBe(PLAYGROUND);
    const foreign = await send(url.idp, "OPTIONS", "/_dev/tokens", {
      origin: EVIL,
      "access-control-request-method": "POST",
    });
    expect(foreign.status).toBe(403);
    expect(Object.keys(foreign.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
  });

  it("keeps what works: curl and npm run attack (own Host, JSON, no Origin); the IdP API's CORS stays open", async () => {
    for (const host of ["localhost", "[::1]", "127.0.0.1"]) {
      const port = new URL(url.idp).port;
      const res = await send(
        url.idp,
        "POST",
        "/_dev/tokens",
        { ...JSON_TYPE, host: `${host}:${port}` },
        MINT,
      );
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ idToken: expect.any(String) });
    }
    const idp = await send(url.idp, "OPTIONS", "/", {
      origin: EVIL,
      "access-control-request-method": "POST",
    });
    expect(idp.headers["access-control-allow-origin"]).toBe("*");
  });
});

describe("Gemini stub /_stub/*", () => {
  it("refuses a foreign Host or Origin and a text/plain scenario switch in Google's form; nothing changes", async () => {
    gemini.setScenario(null);
    const attempts = [
      await send(url.stub, "GET", "/_stub/requests", { host: "evil.example:8089" }),
      await send(
        url.stub,
        "PUT",
        "/_stub/scenario",
        { ...JSON_TYPE, origin: EVIL },
        '{"name":"unavailable"}',
      ),
      await send(
        url.stub,
        "PUT",
        "/_stub/scenario",
        { "content-type": "text/plain" },
        '{"name":"unavailable"}',
      ),
      await send(url.stub, "DELETE", "/_stub/requests", { origin: EVIL }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).error).toMatchObject({ code: 403, status: "PERMISSION_DENIED" });
      expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    }
    expect(JSON.parse((await send(url.stub, "GET", "/_stub/scenario", {})).body)).toEqual({ name: null });
  });

  it("a local tool still switches scenarios and clears the journal (DELETE needs no body type)", async () => {
    const put = await send(url.stub, "PUT", "/_stub/scenario", JSON_TYPE, '{"name":"unavailable"}');
    expect(put.status).toBe(200);
    expect((await send(url.stub, "DELETE", "/_stub/scenario", {})).status).toBe(200);
    expect((await send(url.stub, "DELETE", "/_stub/requests", {})).status).toBe(204);
  });
});

describe("the request inspector on CloudFront", () => {
  it("refuses a DELETE from another site and any read by a rebinding page; the chats stay", async () => {
    const del = await send(url.cf, "DELETE", "/__emulator/requests", { origin: EVIL });
    expect(del.status).toBe(403);
    expect(JSON.parse(del.body).error.code).toBe("FORBIDDEN");
    const read = await send(url.cf, "GET", "/__emulator/requests/chat-1", { host: "evil.example:8080" });
    expect(read.status).toBe(403);
    expect(read.body).not.toContain("viewer-request");
    expect(recorder.list()).toHaveLength(1);
  });

  it("serves the playground and local tools; a method it lacks is 405 whoever asks", async () => {
    const list = await send(url.cf, "GET", "/__emulator/requests", { origin: PLAYGROUND });
    expect(list.status).toBe(200);
    expect(list.headers["access-control-allow-origin"]).toBe(PLAYGROUND);
    expect((await send(url.cf, "POST", "/__emulator/requests", { origin: EVIL })).status).toBe(405);
    expect((await send(url.cf, "DELETE", "/__emulator/requests", {})).status).toBe(204);
    expect(recorder.list()).toEqual([]);
  });
});
