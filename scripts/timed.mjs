#!/usr/bin/env node
/**
 * Runs a command and then prints how long it took, so a step of `npm test` that is not a Vitest run
 * (the contract suite: two Vitest passes and the broker gate between them) shows its own time.
 *
 *   node scripts/timed.mjs <label> <command> [args...]   e.g. node scripts/timed.mjs contracts npm run contracts
 *
 * The command's output and exit code pass through unchanged; the line is printed on failure too.
 */
import { spawn } from "node:child_process";

const [label, command, ...args] = process.argv.slice(2);
if (!label || !command) {
  console.error("usage: node scripts/timed.mjs <label> <command> [args...]");
  process.exit(2);
}

const started = performance.now();
const child = spawn(command, args, { stdio: "inherit" });
child.on("error", (error) => {
  console.error(`${label}: could not start ${command}: ${error.message}`);
  process.exit(127);
});
child.on("exit", (code, signal) => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const outcome = signal ? `killed by ${signal}` : code === 0 ? "passed" : `failed (exit ${code})`;
  console.log(`\n${label}: ${[command, ...args].join(" ")} ${outcome} in ${seconds} s wall time`);
  process.exit(code ?? 1);
});
