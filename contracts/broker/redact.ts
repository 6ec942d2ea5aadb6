/**
 * Keeps the broker's credentials out of everything the gate prints. `pact-broker` needs them (it
 * reads them from its environment), and prints them in two places seen with pact-cli 18.1.2: a
 * failed request names the base URL, user:password included when the URL carries them (at the
 * default log level), and `--log-level debug` dumps its parsed arguments, the bearer token among them.
 */
import type { BrokerEnv } from "../test-support/gate-env.js";

export const REDACTED = "[redacted]";

/** Every form in which a credential of this broker could be printed. */
export function secretsOf(broker: Pick<BrokerEnv, "url" | "token" | "username" | "password">): string[] {
  const secrets = [broker.token, broker.password];
  if (broker.username !== undefined) secrets.push(basic(broker.username, broker.password ?? ""));
  const url = parseUrl(broker.url);
  if (url?.password) {
    secrets.push(url.password, decodeURIComponent(url.password));
    secrets.push(basic(decodeURIComponent(url.username), decodeURIComponent(url.password)));
  }
  return [...new Set(secrets.filter((s): s is string => Boolean(s)))];
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length))
    out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * Redacts a stream line by line: a chunk may end inside a secret, so only complete lines are
 * written until `end()` flushes the rest.
 */
export function lineRedactor(secrets: readonly string[], write: (text: string) => void) {
  let pending = "";
  return {
    push(chunk: string): void {
      pending += chunk;
      const cut = pending.lastIndexOf("\n") + 1;
      if (cut === 0) return;
      write(redact(pending.slice(0, cut), secrets));
      pending = pending.slice(cut);
    },
    end(): void {
      if (pending) write(redact(pending, secrets));
      pending = "";
    },
  };
}

function basic(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`).toString("base64");
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
