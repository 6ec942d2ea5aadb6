/**
 * `npm run token`: prints a Cognito token for a demo user, minted from the stack's own signing keys
 * (no sign-in, and the stack need not be running), for curl, scripts and security reviews.
 *
 *   TOKEN=$(npm run -s token)                           # alice's ID token
 *   npm run -s token -- --user bob --claims '{"cognito:groups":["admins"]}' --decode
 *   npm run -s token -- --expired                       # the handler answers 401 TOKEN_EXPIRED
 */

import { decodeJwt } from "../cognito/jwt.js";
import { isRecord } from "../common/is-record.js";
import { loadStackConfig } from "../config/load.js";
import { exitWithUsageError, parseCommandLine } from "./command-line.js";
import { FORGED_KINDS, type ForgedKind, LocalTokenError, mintLocalToken } from "./local-tokens.js";

const COMMAND = {
  command: "npm run -s token --",
  summary:
    "Prints an ID token (or with --access an access token) for a demo user, signed with the local pool's\n" +
    "keys (.emulator-state), so it verifies against the running stack. Only the token goes to stdout.",
  usage: "[options]",
  options: {
    user: { type: "string", default: "alice", value: "NAME", help: "demo user" },
    access: { type: "boolean", default: false, help: "print the access token instead of the ID token" },
    "expires-in": { type: "string", value: "SECONDS", help: "lifetime (default: the pool's token TTL)" },
    expired: { type: "boolean", default: false, help: "a token that expired ten minutes ago" },
    claims: {
      type: "string",
      value: "JSON",
      help: "claims to add or replace; null removes one, e.g. '{\"aud\":null}'",
    },
    kid: { type: "string", value: "KID", help: "name this kid in the header (signed with the current key)" },
    forge: { type: "string", value: "KIND", help: `a forged token: ${Object.keys(FORGED_KINDS).join(", ")}` },
    decode: { type: "boolean", default: false, help: "also print the header and claims (to stderr)" },
  },
  epilog:
    "examples:\n  TOKEN=$(npm run -s token)\n  npm run -s token -- --forge alg-none\n" +
    '  npm run -s token -- --claims \'{"cognito:groups":["admins"]}\' --decode',
} as const;

function parseClaims(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    exitWithUsageError(COMMAND, `--claims is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(value)) exitWithUsageError(COMMAND, "--claims must be a JSON object");
  return value;
}

function parseExpiresIn(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1) {
    exitWithUsageError(COMMAND, `--expires-in must be a whole number of seconds above 0, got "${raw}"`);
  }
  return seconds;
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(COMMAND);
  const forge = values.expired ? "expired" : values.forge;
  if (forge !== undefined && !(forge in FORGED_KINDS)) {
    exitWithUsageError(
      COMMAND,
      `unknown --forge kind '${forge}'; one of ${Object.keys(FORGED_KINDS).join(", ")}`,
    );
  }
  const config = await loadStackConfig();
  const token = await mintLocalToken(config, {
    username: values.user,
    access: values.access,
    expiresIn: parseExpiresIn(values["expires-in"]),
    claims: parseClaims(values.claims),
    kid: values.kid,
    forge: forge as ForgedKind | undefined,
  });
  process.stdout.write(`${token}\n`);
  if (values.decode) {
    const decoded = decodeJwt(token);
    const view = decoded ? { header: decoded.header, claims: decoded.payload } : "(not a decodable JWT)";
    process.stderr.write(`${JSON.stringify(view, null, 2)}\n`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof LocalTokenError) exitWithUsageError(COMMAND, error.message);
  process.stderr.write(`token failed: ${(error as Error).message}\n`);
  process.exit(1);
});
