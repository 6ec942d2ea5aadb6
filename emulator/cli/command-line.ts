/**
 * One way for every command of the project (`start`, `serve`, `ask`, `token`, `curl`, `attack`,
 * `bench`) to read its flags: `--help` prints usage and exits 0; an unknown flag or a flag without
 * its value exits 2 naming the valid flags (and the nearest one, for a typo).
 *
 * @example
 *   const { values, positionals } = parseCommandLine({
 *     command: "npm run ask --",
 *     summary: "Ask the local tutor a question.",
 *     usage: '[options] "your question"',
 *     options: { user: { type: "string", default: "alice", value: "NAME", help: "demo user" } },
 *   });
 */
import { parseArgs } from "node:util";
import { nearest } from "../common/nearest.js";

export interface FlagSpec {
  type: "string" | "boolean";
  short?: string;
  default?: string | boolean;
  multiple?: boolean;
  /** Placeholder for the value in the usage text, e.g. `FILE`. */
  value?: string;
  /** One line for `--help`. */
  help: string;
}

export interface CommandSpec<F extends Record<string, FlagSpec>> {
  /** How the user invokes it, e.g. `npm run ask --`. */
  command: string;
  summary: string;
  /** What follows the command, e.g. `[options] "your question"`. */
  usage: string;
  options: F;
  allowPositionals?: boolean;
  /** Extra paragraphs after the option list (examples). */
  epilog?: string;
}

type ValueOf<S extends FlagSpec> = S["type"] extends "boolean"
  ? S["multiple"] extends true
    ? boolean[]
    : boolean
  : S["multiple"] extends true
    ? string[]
    : string;

export type FlagValues<F extends Record<string, FlagSpec>> = {
  [K in keyof F]: F[K]["default"] extends string | boolean ? ValueOf<F[K]> : ValueOf<F[K]> | undefined;
};

/** A usage error: the command prints it with a pointer to `--help` and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The `--help` text of a command. */
export function helpText<F extends Record<string, FlagSpec>>(spec: CommandSpec<F>): string {
  const rows = Object.entries({
    ...spec.options,
    help: { type: "boolean", short: "h", help: "show this help" } as FlagSpec,
  }).map(([name, flag]) => {
    const short = flag.short ? `-${flag.short}, ` : "    ";
    const value = flag.type === "string" ? ` ${flag.value ?? "VALUE"}` : "";
    const fallback =
      flag.default !== undefined && flag.default !== false ? ` (default: ${flag.default})` : "";
    return [`  ${short}--${name}${value}`, `${flag.help}${fallback}`] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const lines = [
    `usage: ${spec.command} ${spec.usage}`,
    "",
    spec.summary,
    "",
    "options:",
    ...rows.map(([left, right]) => `${left.padEnd(width)}${right}`),
  ];
  if (spec.epilog) lines.push("", spec.epilog.trimEnd());
  return `${lines.join("\n")}\n`;
}

/** Parses `argv` (default: the process's arguments) or throws a `UsageError` naming what is wrong. */
export function parseFlags<F extends Record<string, FlagSpec>>(
  spec: CommandSpec<F>,
  argv: string[] = process.argv.slice(2),
): { values: FlagValues<F> & { help: boolean }; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, { type, short, default: fallback, multiple }]) => [
      name,
      {
        type,
        ...(short ? { short } : {}),
        ...(fallback !== undefined ? { default: fallback } : {}),
        ...(multiple ? { multiple } : {}),
      },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h", default: false } },
      allowPositionals: spec.allowPositionals ?? false,
      strict: true,
    });
    return { values: values as FlagValues<F> & { help: boolean }, positionals };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS_")) throw error;
    throw new UsageError(explain(error as Error & { code: string }, spec));
  }
}

function explain(error: Error & { code?: string }, spec: CommandSpec<Record<string, FlagSpec>>): string {
  const valid = [...Object.keys(spec.options), "help"].map((n) => `--${n}`);
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const given = /'([^']+)'/.exec(error.message)?.[1] ?? "";
    const name = given.replace(/^-+/, "").split("=")[0] ?? "";
    const guess = nearest(name, Object.keys(spec.options));
    return `unknown option '${given}'.${guess ? ` Did you mean --${guess}?` : ""} Valid options: ${valid.join(", ")}`;
  }
  if (error.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return `${spec.command.trim()} takes no arguments besides its options; ${error.message.replace(/^.*?'/, "got '")}`;
  }
  return error.message.replace(/\. To specify.*$/s, "");
}

/**
 * `parseFlags` for a command's `main`: prints help and exits 0 on `--help`, prints the usage error
 * and exits 2 on a bad flag.
 */
export function parseCommandLine<F extends Record<string, FlagSpec>>(
  spec: CommandSpec<F>,
  argv: string[] = process.argv.slice(2),
): { values: FlagValues<F> & { help: boolean }; positionals: string[] } {
  try {
    const parsed = parseFlags(spec, argv);
    if (parsed.values.help) {
      process.stdout.write(helpText(spec));
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return exitWithUsageError(spec, error.message);
  }
}

/** Prints `message` and a pointer to `--help`, then exits 2 (the convention for usage errors). */
export function exitWithUsageError(spec: { command: string }, message: string): never {
  process.stderr.write(`${spec.command.trim()}: ${message}\nRun '${spec.command} --help' for usage.\n`);
  process.exit(2);
}
