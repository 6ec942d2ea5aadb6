/**
 * The offline stack in its own process, as `npm start` runs it (same config loading: defaults,
 * Terraform, config file, environment; its log lines formatted and written to stdout at the
 * emulator's log level), minus the playground unless started with `--playground` (a Vite dev
 * server, not part of the request path). Started by the benchmark with an IPC channel:
 *
 *   parent -> { type: "mint" }              child -> { type: "token", idToken }
 *   parent -> { type: "stats" }             child -> { type: "stats", stats } (the Function URL's pool)
 *   parent -> { type: "stop" }              child exits once every service closed
 *   child  -> { type: "ready", readyMs, urls, endpoint } once every service answered its health check
 *
 * Ports are 0 (ephemeral; set through the pinned *_PORT variables by the parent), the state folder
 * comes from EMULATOR_STATE_DIR, and BENCH_STACK_OVERRIDES (JSON) overlays the config.
 */
import { performance } from "node:perf_hooks";
import { loadStackConfig, overlay } from "../emulator/config/load.js";
import { emulatorLogLevel, readSetting } from "../emulator/config/settings.js";
import type { PoolStats } from "../emulator/function-url/containers/pool-types.js";
import { startStack } from "../emulator/stack/running-stack.js";

export type ToStackProcess = { type: "mint" } | { type: "stats" } | { type: "stop" };
export type FromStackProcess =
  | {
      type: "ready";
      readyMs: number;
      /** Where start-up time goes: Node + tsx + module imports, config loading (incl. Terraform), services. */
      phases: { bootMs: number; configMs: number; servicesMs: number };
      urls: Record<string, string>;
      endpoint: string;
      /** The model the function asks for and the key the stub takes (the bench also calls the stub alone). */
      stub: { model: string; apiKey: string };
    }
  | { type: "token"; idToken: string }
  | { type: "stats"; stats: PoolStats | undefined }
  | { type: "failed"; message: string };

function send(message: FromStackProcess): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const bootMs = performance.now();
  let config = await loadStackConfig();
  const configMs = performance.now() - bootMs;
  const overrides = readSetting("BENCH_STACK_OVERRIDES");
  if (overrides) config = overlay(config, overrides);
  // Every line is formatted and written, as `npm start` writes it; the bench points stdout at
  // /dev/null (a terminal's own cost depends on the terminal, not on the emulator).
  const servicesStart = performance.now();
  const stack = await startStack(config, {
    services: process.argv.includes("--playground")
      ? ["cognito", "gemini", "ssm", "functionUrl", "cloudfront", "playground"]
      : ["cognito", "gemini", "ssm", "functionUrl", "cloudfront"],
    log: (line) => process.stdout.write(`${line}\n`),
    functionUrl: { logLevel: emulatorLogLevel().level },
  });
  const servicesMs = performance.now() - servicesStart;
  // performance.now() counts from this process's start (its time origin).
  send({
    type: "ready",
    readyMs: performance.now(),
    phases: { bootMs, configMs, servicesMs },
    urls: stack.urls as Record<string, string>,
    endpoint: stack.endpoint,
    stub: {
      model: stack.config.functionUrl.environment.GEMINI_MODEL ?? "gemini-model-unset",
      apiKey: stack.config.gemini.apiKey,
    },
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Bounded: closing hundreds of busy containers on a loaded machine must not leave an orphan behind.
    setTimeout(() => process.exit(1), 5000).unref();
    await stack.close();
    process.exit(0);
  };
  process.on("message", (message: ToStackProcess) => {
    if (message.type === "stop") void stop();
    if (message.type === "stats") send({ type: "stats", stats: stack.functionUrl?.stats() });
    if (message.type === "mint") {
      const user = stack.config.cognito.users[0];
      if (!user || !stack.cognito) {
        send({ type: "failed", message: "no demo user to mint a token for" });
        return;
      }
      stack.cognito.mintTokens(user.username).then(
        ({ idToken }) => send({ type: "token", idToken }),
        (error: unknown) => send({ type: "failed", message: (error as Error).message }),
      );
    }
  });
  // The parent going away must not leave a stack running.
  process.on("disconnect", () => void stop());
}

main().catch((error: unknown) => {
  send({ type: "failed", message: (error as Error).message });
  process.exit(1);
});
