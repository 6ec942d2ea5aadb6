import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig as loadHandlerConfig } from "../../handler/src/config.js";
import { localFunctionEnvironment, REPO_ROOT } from "../config/defaults.js";
import { loadStackConfig } from "../config/load.js";
import { connectHost, exposedServices, isLoopbackHost, isLoopbackPeer } from "./loopback.js";

describe("loopback rule", () => {
  it.each(["127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "[::1]", "localhost", "LocalHost"])(
    "%s is a loopback host",
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each(["0.0.0.0", "::", "10.0.0.1", "cognito", "128.0.0.1", "localhost.example.com", "127.0.0.1.nip.io"])(
    "%s is not a loopback host",
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
  it.each(["127.0.0.1", "::1", "::ffff:127.0.0.1", "::FFFF:127.3.4.5"])("peer %s is loopback", (peer) =>
    expect(isLoopbackPeer(peer)).toBe(true),
  );
  it.each([undefined, "", "10.1.2.3", "::ffff:10.1.2.3", "192.168.1.9", "fe80::1", "::"])(
    "peer %s is not loopback",
    (peer) => expect(isLoopbackPeer(peer)).toBe(false),
  );
  it("connects to a wildcard listener through 127.0.0.1", () => {
    expect(connectHost("0.0.0.0")).toBe("127.0.0.1");
    expect(connectHost("::")).toBe("127.0.0.1");
    expect(connectHost("cognito")).toBe("cognito");
  });
  it("names the services that listen beyond loopback", () => {
    expect(exposedServices({ cognito: "127.0.0.1", gemini: "0.0.0.0", cloudfront: "::1" })).toEqual([
      "gemini 0.0.0.0",
    ]);
  });
});

// The handler's guardrail must let every supported way of running the stack start.
describe("the emulated function's environment passes the handler's endpoint guardrail", () => {
  it("npm start (Terraform-loaded config, loopback)", async () => {
    const env = localFunctionEnvironment(await loadStackConfig({ env: {} }));
    expect(env.ALLOW_NON_LOOPBACK_HTTP).toBeUndefined();
    expect(loadHandlerConfig(env).jwksUri).toMatch(/^http:\/\/127\.0\.0\.1:9229\//);
  });

  it("STACK_HOST=0.0.0.0: the function connects through 127.0.0.1, no opt-in needed", async () => {
    const env = localFunctionEnvironment(await loadStackConfig({ env: { STACK_HOST: "0.0.0.0" } }));
    expect(env.ALLOW_NON_LOOPBACK_HTTP).toBeUndefined();
    expect(loadHandlerConfig(env).geminiBaseUrl).toBe("http://127.0.0.1:8089");
  });

  it("compose bridge network (services by name): the explicit opt-in is set", async () => {
    const file = path.join(REPO_ROOT, "scripts/docker/bridge-network.json");
    const env = localFunctionEnvironment(await loadStackConfig({ env: { EMULATOR_CONFIG: file } }));
    expect(env.ALLOW_NON_LOOPBACK_HTTP).toBe("true");
    const config = loadHandlerConfig(env);
    expect(config.jwksUri).toMatch(/^http:\/\/cognito:9229\//);
    expect(config.geminiBaseUrl).toBe("http://gemini:8089");
  });
});
