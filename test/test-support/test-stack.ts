import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadStackConfig, overlay } from "../../emulator/config/load.js";
import type { StackConfig } from "../../emulator/config/types.js";
import { type RunningStack, startStack } from "../../emulator/stack/running-stack.js";
import type { ServiceName } from "../../emulator/stack/service-startup.js";

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/**
 * The configuration `npm start` runs (emulator/config/load.ts: the pinned defaults overlaid with the
 * Terraform module), read once. The caller's environment is left out on purpose (no STACK_HOST, ports
 * or EMULATOR_CONFIG of the developer's shell leaks into a test); overrides are explicit.
 */
const LOADED: StackConfig = await loadStackConfig({ env: {} });

/**
 * Stub pacing for tests: the Gemini stub's pause between streamed pieces. Not a deployment value (the
 * Terraform module has none); 5 ms keeps streams multi-chunk but fast.
 */
const TEST_PIECE_DELAY_MS = 5;

/**
 * The Terraform-loaded configuration with every port set to 0 (tests never take the pinned ports), a
 * fresh state folder and the test pacing, plus the given overrides. Nothing else is copied by hand.
 */
export function testConfig(overrides: DeepPartial<StackConfig> = {}): StackConfig {
  const base = structuredClone(LOADED);
  for (const part of [
    base.cognito,
    base.gemini,
    base.ssm,
    base.functionUrl,
    base.cloudfront,
    base.playground,
  ]) {
    part.port = 0;
  }
  base.stateDir = mkdtempSync(path.join(os.tmpdir(), "chatbot-stack-"));
  base.gemini.pieceDelayMs = TEST_PIECE_DELAY_MS;
  // Tests see every write at once unless they are about delivery (test/chain/delivery*.test.ts).
  base.functionUrl.delivery.mode = "immediate";
  // Tests default to the fast worker runtime (no process per container under the burst tests); the
  // chain and contract suites also run under `ric` by asking for it.
  base.functionUrl.containerRuntime = "worker";
  return overlay(base, overrides);
}

export interface TestStack extends RunningStack {
  /** Lines every service logged, for assertions (e.g. that no secret was logged). */
  logs: string[];
}

/** Starts the stack for a test on ephemeral ports; `close()` also removes its state folder. */
export async function startTestStack(
  overrides: DeepPartial<StackConfig> = {},
  services: readonly ServiceName[] = DEFAULT_SERVICES,
): Promise<TestStack> {
  return startConfiguredStack(testConfig(overrides), services);
}

const DEFAULT_SERVICES: readonly ServiceName[] = ["cognito", "gemini", "ssm", "functionUrl", "cloudfront"];

/** Starts the stack from a complete configuration (e.g. one read from a Terraform fixture). */
export async function startConfiguredStack(
  config: StackConfig,
  services: readonly ServiceName[] = DEFAULT_SERVICES,
): Promise<TestStack> {
  const logs: string[] = [];
  const stack = await startStack(config, { services, log: (line) => logs.push(line) });
  return {
    ...stack,
    logs,
    async close() {
      await stack.close();
      rmSync(config.stateDir, { recursive: true, force: true });
    },
  };
}
