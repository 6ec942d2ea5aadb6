/**
 * `npm run curl`: sends a chat body through the local CloudFront with everything a hand-written
 * curl gets wrong filled in (the ID token and the body's `x-amz-content-sha256`), and prints the
 * response's raw bytes as they arrive: SSE frames, keep-alive comments, or the error JSON.
 *
 *   npm run -s curl                                 # the sample question as alice
 *   npm run -s curl -- body.json --user bob
 *   echo '{"query":"hi"}' | npm run -s curl -- -    # a body from stdin (sent as given)
 *   npm run -s curl -- --terraform test/fixtures/modules/two-functions --path /reports/week
 */
import { readFile } from "node:fs/promises";
import { stackEndpoint } from "../config/defaults.js";
import { SAMPLE_REQUEST } from "../stack/sample-request.js";
import { viewerHeaders } from "../stack/viewer-request.js";
import { abortOnInterrupt, chatCommand } from "./chat-target.js";
import { exitWithUsageError, parseCommandLine } from "./command-line.js";
import { LocalTokenError, mintLocalToken } from "./local-tokens.js";
import { loadModuleOrExit, TERRAFORM_FLAG } from "./module-flag.js";

const COMMAND = chatCommand({
  command: "npm run -s curl --",
  summary:
    "POSTs a body file (default: the sample question) to the local chatbot endpoint with a fresh ID token\n" +
    "and the body's SHA-256, prints the status and headers to stderr and the raw response body to stdout\n" +
    "as it streams. Exits 0 on a 2xx answer, 1 otherwise. Needs `npm start` running.\n" +
    "With --terraform DIR (another module): the body file is sent as given (none: a GET), no token unless\n" +
    "--token, to --path on that module's distribution.",
  usage: "[options] [BODY_FILE | -]",
  options: {
    terraform: TERRAFORM_FLAG,
    path: {
      type: "string",
      value: "PATH",
      help: "a path on the local CloudFront (default: the stack's endpoint)",
    },
    token: { type: "string", value: "JWT", help: "send this token instead of minting one" },
    query: { type: "string", value: "TEXT", help: "replace the sample body's query" },
    header: { type: "string", multiple: true, value: "'NAME: VALUE'", help: "an extra header (repeatable)" },
    "no-hash": { type: "boolean", default: false, help: "omit x-amz-content-sha256 (to see the refusal)" },
    "no-token": { type: "boolean", default: false, help: "omit Authorization (to see the refusal)" },
  },
  epilog:
    "examples:\n  npm run -s curl -- --query 'is my base case right?'\n" +
    '  npm run -s curl -- --token "$(npm run -s token -- --expired)"   # 401 TOKEN_EXPIRED',
} as const);

async function readBody(file: string | undefined, query: string | undefined): Promise<string> {
  if (file === undefined)
    return JSON.stringify(query === undefined ? SAMPLE_REQUEST : { ...SAMPLE_REQUEST, query });
  if (query !== undefined)
    exitWithUsageError(COMMAND, "--query replaces the sample's query; give a file or --query");
  if (file !== "-") return readFile(file, "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseHeader(line: string): [string, string] {
  const colon = line.indexOf(":");
  if (colon <= 0) exitWithUsageError(COMMAND, `--header must look like 'name: value', got '${line}'`);
  return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
}

async function main(): Promise<number> {
  const { values, positionals } = parseCommandLine(COMMAND);
  if (positionals.length > 1) exitWithUsageError(COMMAND, "give at most one body file");
  const mod = await loadModuleOrExit(COMMAND, values.terraform);
  const { config } = mod;
  if (!mod.own && values.query !== undefined)
    exitWithUsageError(COMMAND, "--query is the chatbot's; give a body file");
  // This project's chatbot gets a chat (the sample by default) and a fresh token; another module's
  // functions get the body file as given, or a GET without one, and a token only when given.
  const body =
    mod.own || positionals[0] !== undefined ? await readBody(positionals[0], values.query) : undefined;
  const token = values["no-token"]
    ? undefined
    : (values.token ?? (mod.own ? await mintLocalToken(config, { username: values.user }) : undefined));
  const authorization = token ? `Bearer ${token}` : undefined;
  const headers: Record<string, string> =
    body === undefined ? (authorization ? { authorization } : {}) : viewerHeaders(body, authorization);
  if (values["no-hash"]) delete headers["x-amz-content-sha256"];
  for (const line of values.header ?? []) {
    const [name, value] = parseHeader(line);
    headers[name.toLowerCase()] = value;
  }

  const { host, port } = config.cloudfront;
  const url = values.path
    ? `http://${host}:${port}${values.path.replace(/^\/?/, "/")}`
    : stackEndpoint(config);
  const response = await fetch(values.endpoint ?? url, {
    method: body === undefined ? "GET" : "POST",
    headers,
    body,
    signal: abortOnInterrupt(),
  });
  process.stderr.write(`HTTP ${response.status} ${response.statusText}\n`);
  for (const [name, value] of response.headers) process.stderr.write(`${name}: ${value}\n`);
  process.stderr.write("\n");
  const reader = response.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) {
    process.stdout.write(part.value);
  }
  return response.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof LocalTokenError) exitWithUsageError(COMMAND, error.message);
    const cause = (error as { cause?: { code?: string } }).cause;
    process.stderr.write(
      `curl failed: ${(error as Error).message}${cause?.code ? ` (${cause.code})` : ""}\n`,
    );
    if (cause?.code === "ECONNREFUSED") process.stderr.write("Is `npm start` running?\n");
    process.exit(1);
  },
);
