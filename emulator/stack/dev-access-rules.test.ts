/**
 * The guard's four rules one by one, as pure decisions (emulator/stack/dev-access.ts); the same rules
 * through each service's HTTP answer are in dev-access-surfaces.test.ts.
 */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { devAccess, isJsonContentType, isOwnHost, playgroundOrigins } from "./dev-access.js";

describe("Host: a name of this machine (Vite's allowedHosts rule)", () => {
  it.each([
    ["127.0.0.1:9229", "127.0.0.1"],
    ["127.0.0.1", "127.0.0.1"],
    ["localhost:9229", "127.0.0.1"],
    ["LocalHost:9229", "127.0.0.1"],
    ["tutor.localhost:9229", "127.0.0.1"],
    ["[::1]:9229", "127.0.0.1"],
    ["[::1]", "127.0.0.1"],
    ["192.168.1.20:9229", "0.0.0.0"],
    ["cognito:9229", "cognito"],
    ["devbox.lan:9229", "DevBox.lan"],
    ["[fe80::1]:9229", "[fe80::1]"],
  ])("%s is own (configured host %s)", (host, configured) => {
    expect(isOwnHost(host, configured)).toBe(true);
  });
  it("a request without Host passes (HTTP/1.0; browsers always send one)", () => {
    expect(isOwnHost(undefined, "127.0.0.1")).toBe(true);
  });
  it.each([
    "evil.example",
    "evil.example:9229",
    "127.0.0.1.evil.example:9229",
    "localhost.evil.example:9229",
    "cognito:9229",
    "0x7f000001:9229",
    "",
    ":9229",
    "[::1",
    "[::1]junk",
    "[evil.example]:9229",
  ])("%j is refused (configured host 127.0.0.1)", (host) => {
    expect(isOwnHost(host, "127.0.0.1")).toBe(false);
  });
});

describe("the playground's origins", () => {
  it("its loopback names on its port, plus a configured name", () => {
    expect(playgroundOrigins({ host: "127.0.0.1", port: 5173 })).toEqual([
      "http://127.0.0.1:5173",
      "http://localhost:5173",
      "http://[::1]:5173",
    ]);
    expect(playgroundOrigins({ host: "playground", port: 15173 })).toContain("http://playground:15173");
    expect(playgroundOrigins({ host: "::1", port: 5173 })).toHaveLength(3);
  });
  it("a wildcard listen address is no origin; port 80 is left out as browsers do", () => {
    expect(playgroundOrigins({ host: "0.0.0.0", port: 5173 })).toHaveLength(3);
    expect(playgroundOrigins({ host: "127.0.0.1", port: 80 })[0]).toBe("http://127.0.0.1");
  });
});

describe("content type of a request with a body", () => {
  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "Application/JSON",
    "application/merge-patch+json",
  ])("%s is JSON", (type) => expect(isJsonContentType(type)).toBe(true));
  it.each([
    undefined,
    "",
    "text/plain",
    "text/plain;charset=UTF-8",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/jsonx",
    "text/json",
  ])("%j is not", (type) => expect(isJsonContentType(type)).toBe(false));
});

/** A request as the guard reads it: method, headers, the socket's peer address. */
function request(method: string, headers: Record<string, string>, peer = "127.0.0.1"): IncomingMessage {
  return { method, headers, socket: { remoteAddress: peer } } as unknown as IncomingMessage;
}

describe("the verdict, checks in order: peer, Host, Origin, content type", () => {
  const dev = devAccess({ access: "loopback", playground: () => ({ host: "127.0.0.1", port: 5173 }) });
  const own = { host: "127.0.0.1:9229" };
  const json = { ...own, "content-type": "application/json" };
  const judge = (method: string, headers: Record<string, string>, peer?: string) =>
    dev.judge(request(method, headers, peer), "/_dev/tokens");

  it("passes a local tool (no Origin, JSON) without CORS headers", () => {
    expect(judge("POST", json)).toEqual({ kind: "pass", headers: {} });
    expect(judge("POST", { "content-type": "application/json" })).toEqual({ kind: "pass", headers: {} });
    expect(judge("GET", own)).toEqual({ kind: "pass", headers: {} });
    expect(judge("DELETE", own)).toEqual({ kind: "pass", headers: {} });
  });
  it("names the playground's origin, never *, for the playground", () => {
    expect(judge("POST", { ...json, origin: "http://localhost:5173" })).toEqual({
      kind: "pass",
      headers: { "access-control-allow-origin": "http://localhost:5173", vary: "Origin" },
    });
    const preflight = judge("OPTIONS", { ...own, origin: "http://127.0.0.1:5173" });
    expect(preflight).toMatchObject({
      kind: "preflight",
      headers: {
        "access-control-allow-origin": "http://127.0.0.1:5173",
        "access-control-allow-headers": "content-type",
      },
    });
  });
  it("a same-origin request needs no CORS; a plain OPTIONS gets none", () => {
    expect(judge("DELETE", { ...own, origin: "http://127.0.0.1:9229" })).toEqual({
      kind: "pass",
      headers: {},
    });
    expect(judge("OPTIONS", own)).toEqual({ kind: "preflight", headers: {} });
  });
  it.each([
    ["a remote peer", "POST", json, "203.0.113.7", "peer"],
    ["a rebinding page's Host", "POST", { ...json, host: "evil.example:9229" }, undefined, "host"],
    ["a foreign Origin", "POST", { ...json, origin: "https://evil.example" }, undefined, "origin"],
    ["Origin null", "POST", { ...json, origin: "null" }, undefined, "origin"],
    [
      "another port of this machine",
      "POST",
      { ...json, origin: "http://127.0.0.1:3000" },
      undefined,
      "origin",
    ],
    ["a foreign preflight", "OPTIONS", { ...own, origin: "https://evil.example" }, undefined, "origin"],
    ["a foreign DELETE", "DELETE", { ...own, origin: "https://evil.example" }, undefined, "origin"],
    ["text/plain", "POST", { ...own, "content-type": "text/plain" }, undefined, "content-type"],
    [
      "a form post",
      "POST",
      { ...own, "content-type": "application/x-www-form-urlencoded" },
      undefined,
      "content-type",
    ],
    ["no content type", "POST", own, undefined, "content-type"],
    [
      "text/plain from the playground",
      "PUT",
      { ...own, origin: "http://127.0.0.1:5173", "content-type": "text/plain" },
      undefined,
      "content-type",
    ],
  ])("refuses %s (%s): %s check", (_what, method, headers, peer, check) => {
    expect(judge(method, headers, peer)).toMatchObject({ kind: "refuse", check });
  });
  it("a peer whose socket is already gone is refused", () => {
    const gone = { method: "GET", headers: own, socket: {} } as unknown as IncomingMessage;
    expect(dev.judge(gone, "/_stub/requests")).toMatchObject({
      check: "peer",
      detail: "non-loopback peer ?",
    });
  });
  it("the refusal says what was refused and why", () => {
    expect(judge("POST", { ...json, host: "evil.example:9229" })).toMatchObject({
      detail: 'Host "evil.example:9229"',
      message:
        '/_dev/tokens refused: Host "evil.example:9229" is not a name of this machine (an IP address, localhost, or the configured host "127.0.0.1"); a web page reaching the stack by DNS rebinding sends its own name.',
    });
    expect(judge("POST", { ...own, "content-type": "text/plain" })).toMatchObject({
      message:
        '/_dev/tokens refused: a POST needs content-type: application/json, not "text/plain" (a web page may send that without asking first).',
    });
    expect(judge("POST", { ...json, origin: "x".repeat(300) })).toMatchObject({
      detail: `Origin "${"x".repeat(100)}..."`,
    });
  });
  it("EMULATOR_DEV_ENDPOINTS=open admits other peers, not other sites", () => {
    const open = devAccess({ access: "open" });
    expect(open.judge(request("POST", json, "203.0.113.7"), "/_dev/tokens").kind).toBe("pass");
    expect(
      open.judge(request("POST", { ...json, host: "evil.example" }, "203.0.113.7"), "/_dev/tokens"),
    ).toMatchObject({ check: "host" });
  });
  it("follows a playground whose port is bound after the guard was built", () => {
    const address = { host: "127.0.0.1", port: 0 };
    const late = devAccess({ access: "loopback", playground: () => address });
    const fromPlayground = request("POST", { ...json, origin: "http://127.0.0.1:41234" });
    expect(late.judge(fromPlayground, "/_dev/tokens").kind).toBe("refuse");
    address.port = 41234;
    expect(late.judge(fromPlayground, "/_dev/tokens").kind).toBe("pass");
  });
});
