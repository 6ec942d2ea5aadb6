import { randomUUID } from "node:crypto";
import express from "express";
import { AMZ_JSON, parseJsonBody } from "../aws/json-protocol.js";
import { CognitoError, isCognitoAnswer, NotEmulatedError, toWireError } from "./errors.js";
import type { IdpContext, Operation } from "./operations/context.js";
import { getUser } from "./operations/get-user.js";
import { globalSignOut } from "./operations/global-sign-out.js";
import { initiateAuth } from "./operations/initiate-auth.js";
import { respondToAuthChallenge } from "./operations/respond-to-auth-challenge.js";
import { revokeToken } from "./operations/revoke-token.js";

const TARGET_PREFIX = "AWSCognitoIdentityProviderService.";

const OPERATIONS: Record<string, Operation> = {
  InitiateAuth: initiateAuth,
  GetUser: getUser,
  GlobalSignOut: globalSignOut,
  RespondToAuthChallenge: respondToAuthChallenge,
  RevokeToken: revokeToken,
};

/**
 * `POST /` with `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`: the Cognito IdP JSON API
 * (AWS JSON 1.1 protocol). Cognito's own errors are answered here; a fault of the emulator goes on to
 * `httpService`, which logs it and answers Cognito's InternalErrorException (errors.ts `internalError`).
 */
export function idpApiRouter(ctx: IdpContext, log: (line: string) => void): express.Router {
  const router = express.Router();
  router.post("/", express.text({ type: () => true, limit: "1mb" }), async (req, res) => {
    const requestId = randomUUID();
    const target = req.get("x-amz-target") ?? "";
    const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
    res.set("x-amzn-requestid", requestId);
    try {
      if (!op) {
        // Assumption: a missing or foreign target answers UnknownOperationException, as AWS JSON services do.
        throw new CognitoError(
          "UnknownOperationException",
          `Unknown operation target: ${target || "(none)"}`,
        );
      }
      const operation = OPERATIONS[op];
      if (!operation) throw new NotEmulatedError(`Operation ${op}`);
      const output = await operation(ctx, parseBody(req.body));
      log(`${op} ok`);
      sendAmzJson(res.status(200), output);
    } catch (err) {
      if (!isCognitoAnswer(err)) {
        log(`${op ?? "?"} 500 InternalErrorException`);
        throw err;
      }
      const wire = toWireError(err);
      // Only the operation and the error type: never tokens, passwords or usernames in logs.
      log(`${op ?? "?"} ${wire.status} ${wire.type}`);
      sendAmzJson(res.status(wire.status).set("x-amzn-errortype", wire.type), wire.body);
    }
  });
  return router;
}

/**
 * `application/x-amz-json-1.1` exactly, without `; charset=utf-8` (the AWS JSON protocol;
 * docs/platform-facts.md#cognito-idp-api). Sent as a Buffer because Express appends a charset to strings.
 */
function sendAmzJson(res: express.Response, body: unknown): void {
  res.set("content-type", AMZ_JSON).send(Buffer.from(JSON.stringify(body), "utf8"));
}

function parseBody(body: unknown): Record<string, unknown> {
  return parseJsonBody(
    typeof body === "string" ? body : "",
    (message) => new CognitoError("SerializationException", message),
  );
}
