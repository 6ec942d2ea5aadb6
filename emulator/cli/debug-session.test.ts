import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { defaultConfig, REPO_ROOT } from "../config/defaults.js";
import { DEFAULT_INSPECT_PORT, VSCODE_ATTACH_CONFIG } from "../function-url/containers/debug-mode.js";
import { INSPECT_PORT_VARIABLE, inspectPortFrom, prepareDebugSession } from "./debug-session.js";

it("takes the inspector port from --inspect-port, then HANDLER_INSPECT_PORT, else 9339 (not Node's 9229, Cognito's)", () => {
  expect(inspectPortFrom(undefined, {})).toBe(9339);
  expect(inspectPortFrom(undefined, { [INSPECT_PORT_VARIABLE]: "19339" })).toBe(19339);
  expect(inspectPortFrom("29339", { [INSPECT_PORT_VARIABLE]: "19339" })).toBe(29339);
  for (const bad of ["abc", "0", "70000", "93 39", ""]) {
    expect(() => inspectPortFrom(bad, {})).toThrow(
      `inspector port must be a number from 1 to 65535, got '${bad}'`,
    );
  }
});

it("refuses an inspector port the stack itself uses", () => {
  const config = defaultConfig();
  config.functionUrl.containerRuntime = "ric";
  expect(() => prepareDebugSession(config, config.cognito.port)).toThrow(
    `inspector port ${config.cognito.port} is a port of the stack; pick another`,
  );
});

it("prints how to attach and labels the suspended timeout as an emulator-only deviation", () => {
  const config = defaultConfig();
  config.functionUrl.containerRuntime = "ric";
  const banner = prepareDebugSession(config, DEFAULT_INSPECT_PORT).bannerLines().join("\n");
  expect(banner).toContain(`127.0.0.1:${DEFAULT_INSPECT_PORT}`);
  expect(banner).toContain(`"${VSCODE_ATTACH_CONFIG}"`);
  expect(banner).toContain("chrome://inspect");
  expect(banner).toContain("devtools://devtools/bundled/js_app.html");
  expect(banner).toMatch(/Emulator-only deviation: the function timeout is suspended/);
  // A paused chat passes CloudFront too: its origin read timeout is raised to the most it accepts.
  expect(config.cloudfront.originReadTimeoutSeconds).toBe(180);
});

it(".vscode/launch.json attaches the configuration the banner names to the default inspector port", () => {
  const text = readFileSync(path.join(REPO_ROOT, ".vscode/launch.json"), "utf8");
  const launch = JSON.parse(text.replace(/^\s*\/\/.*$/gm, "")) as {
    configurations: { name: string; request: string; address: string; port: number }[];
  };
  const attach = launch.configurations.find((c) => c.name === VSCODE_ATTACH_CONFIG);
  expect(attach).toMatchObject({ request: "attach", address: "127.0.0.1", port: DEFAULT_INSPECT_PORT });
});
