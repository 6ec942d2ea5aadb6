import { rmSync } from "node:fs";
import os from "node:os";
import { expect, it } from "vitest";
import { loadStackConfig } from "../../emulator/config/load.js";
import { testConfig } from "./test-stack.js";

it("is the Terraform-loaded config npm start runs, with only ports, state folder, stub pacing, delivery and container runtime changed", async () => {
  const loaded = await loadStackConfig({ env: {} });
  const config = testConfig();
  try {
    expect(config.stateDir.startsWith(os.tmpdir())).toBe(true);
    for (const part of ["cognito", "gemini", "ssm", "functionUrl", "cloudfront", "playground"] as const) {
      expect(config[part].port).toBe(0);
      loaded[part].port = 0;
    }
    loaded.stateDir = config.stateDir;
    loaded.gemini.pieceDelayMs = config.gemini.pieceDelayMs;
    // Tests see every write at once unless they are about delivery (test/chain/delivery*.test.ts).
    expect(config.functionUrl.delivery.mode).toBe("immediate");
    loaded.functionUrl.delivery.mode = "immediate";
    // Tests default to the worker runtime; the chain and contract suites also run under ric.
    expect(config.functionUrl.containerRuntime).toBe("worker");
    loaded.functionUrl.containerRuntime = "worker";
    expect(config).toEqual(loaded);
    // A value only the Terraform module sets (defaults.ts has 60 s), and the parameter it names.
    expect(config.functionUrl.timeoutSeconds).toBe(120);
    expect(config.functionUrl.environment.GEMINI_API_KEY_PARAMETER).toBe("/chatbot/gemini-api-key");
  } finally {
    rmSync(config.stateDir, { recursive: true, force: true });
  }
});

it("applies overrides on top and hands out a fresh copy each time", () => {
  const a = testConfig({ gemini: { pieceDelayMs: 40 } });
  const b = testConfig();
  try {
    expect(a.gemini.pieceDelayMs).toBe(40);
    expect(b.gemini.pieceDelayMs).toBe(5);
    expect(a.stateDir).not.toBe(b.stateDir);
    a.functionUrl.environment.LOG_LEVEL = "debug";
    expect(b.functionUrl.environment.LOG_LEVEL).not.toBe("debug");
  } finally {
    rmSync(a.stateDir, { recursive: true, force: true });
    rmSync(b.stateDir, { recursive: true, force: true });
  }
});
