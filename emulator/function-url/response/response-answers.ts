/**
 * How the Lambda service ends a client's answer that went wrong: 502 `Internal Server Error` when the
 * response had not started (docs/platform-facts.md#errors-during-a-stream, the buffered mode's answer), with
 * the URL's CORS; a cut connection once it had.
 */
import type http from "node:http";
import type { FunctionConfig } from "../../config/types.js";
import { functionError } from "../aws-errors.js";
import { applyCors } from "../cors.js";

/** A function error before any byte was sent. */
export function sendFunctionError(
  res: http.ServerResponse,
  cors: FunctionConfig["cors"],
  origin: string | undefined,
): void {
  const error = functionError();
  res.writeHead(error.status, applyCors(cors, origin, { "content-type": error.contentType }));
  res.end(error.body);
}

const cut = new WeakSet<http.ServerResponse>();

/**
 * Ends the connection once the bytes already written have left, without the chunked body's last
 * chunk: the client sees a cut. (Destroying the response at once could drop what was just written.)
 */
export function cutResponse(res: http.ServerResponse): void {
  const socket = res.socket;
  if (!socket || socket.destroyed) {
    res.destroy();
    return;
  }
  cut.add(res);
  socket.write(Buffer.alloc(0), () => socket.end(() => res.destroy()));
}

/** True once the response is being cut (or was destroyed): nothing more may be written to it. */
export function isCut(res: http.ServerResponse): boolean {
  return res.destroyed || cut.has(res);
}
