/**
 * Child process (started by production-jwks.test.ts with the offline-network preload): builds the
 * handler's authenticator exactly as a cold start does, `createAuthenticator(loadConfig(process.env))`,
 * and answers `{id, token}` messages over IPC with `{id, sub}` or `{id, code, message}`. A `{id, probe}`
 * message makes an HTTPS request to that URL and reports how it failed (the network block).
 */
import { request } from "node:https";
import { createAuthenticator } from "../auth.js";
import { loadConfig } from "../config.js";
import { HandlerError } from "../errors.js";

type Message = { id: number; token?: string; probe?: string };

const authenticate = createAuthenticator(loadConfig(process.env));

function probe(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, (res) => resolve(`status ${res.statusCode}`));
    req.on("error", (error) => resolve(`error ${error.message}`));
    req.end();
  });
}

process.on("message", async (message: Message) => {
  if (message.probe) {
    process.send?.({ id: message.id, probe: await probe(message.probe) });
    return;
  }
  try {
    const identity = await authenticate({ "x-forwarded-authorization": `Bearer ${message.token}` });
    process.send?.({ id: message.id, sub: identity.sub });
  } catch (error) {
    const known = error instanceof HandlerError;
    process.send?.({
      id: message.id,
      code: known ? error.code : "THROWN",
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
process.send?.({ ready: true });
