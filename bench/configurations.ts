/**
 * The stack configurations the bench measures, the one `npm start` runs first. Both are `npm start`'s
 * configuration (the Terraform module read as it reads it: the key through the emulated SSM, every
 * write delivered as it comes, the request inspector listening on the event bus, the emulator's log
 * lines at its default level written out); they differ only in the container runtime.
 *
 * The default configuration's metrics keep their plain names (`chain.added`, `throughput.c50`); every
 * other configuration's carry its prefix (`worker.chain.added`).
 */
import type { ContainerRuntime } from "../emulator/function-url/containers/execution-environment.js";

export interface BenchConfiguration {
  name: "default" | "worker";
  /** Prefix of its metric and count names ("" for the default). */
  prefix: string;
  runtime: ContainerRuntime;
  /** What it is, for the report. */
  label: string;
}

export const CONFIGURATIONS: readonly BenchConfiguration[] = [
  {
    name: "default",
    prefix: "",
    runtime: "ric",
    label:
      "`npm start`'s defaults: `ric` containers (AWS's runtime client on Node 24), immediate delivery, inspector on, the emulator's log lines at `info`",
  },
  {
    name: "worker",
    prefix: "worker.",
    runtime: "worker",
    label:
      "the same with `FUNCTION_RUNTIME=worker` (the handler in worker threads of the emulator's process)",
  },
];

export type ConfigurationName = BenchConfiguration["name"];

export const CONFIGURATION_NAMES = CONFIGURATIONS.map((c) => c.name);

/** The configurations named (all when `names` is undefined), in the order above. */
export function configurationsNamed(names?: readonly string[]): BenchConfiguration[] {
  return CONFIGURATIONS.filter((c) => names === undefined || names.includes(c.name));
}

/** `what` of the configuration, e.g. "(ric)" in a description. */
export function describedFor(config: BenchConfiguration, description: string): string {
  return `${description} [${config.runtime}]`;
}
