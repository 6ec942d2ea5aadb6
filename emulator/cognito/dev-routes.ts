import express from "express";
import { isRecord } from "../common/is-record.js";
import { type DevAccess, devAccess } from "../stack/dev-access.js";
import { devAccessGuard } from "../stack/dev-access-guard.js";
import type { KeyStore } from "./key-store.js";

export interface MintOptions {
  /** Overrides or extends the ID token's claims; `null` removes a claim (e.g. `{"token_use":null}`). */
  claims?: Record<string, unknown>;
  /** Lifetime of both tokens in seconds. */
  expiresIn?: number;
}

export type MintResult =
  | { ok: true; idToken: string; accessToken: string }
  | { ok: false; reason: "unknown-user" };

/**
 * Pinned dev endpoints (docs/interfaces.md#dev-and-admin-endpoints): `POST /_dev/tokens` and
 * `POST /_dev/keys/rotate`. Not part of Cognito; errors use the project's `{"error":{"code","message"}}`
 * form. Only loopback callers get in unless EMULATOR_DEV_ENDPOINTS=open, and never a web page of another
 * site: a foreign Host or Origin, or a body a form could send, gets 403 FORBIDDEN
 * (emulator/stack/dev-access.ts).
 */
export function devRouter(deps: {
  keys: KeyStore;
  mint: (username: string, options: MintOptions) => MintResult | Promise<MintResult>;
  log: (line: string) => void;
  /** Who may call (default: EMULATOR_DEV_ENDPOINTS, the pinned playground, host 127.0.0.1). */
  devAccess?: DevAccess;
}): express.Router {
  const router = express.Router();
  const guard = deps.devAccess ?? devAccess();
  router.use(
    "/_dev",
    devAccessGuard(guard, (message) => ({ error: { code: "FORBIDDEN", message } }), deps.log),
  );
  router.use("/_dev", express.json({ limit: "256kb", type: () => true }));

  router.post("/_dev/tokens", async (req, res) => {
    const body: unknown = req.body ?? {};
    const problem = validateMintBody(body);
    if (problem) {
      res.status(400).json({ error: { code: "INVALID_REQUEST", message: problem } });
      return;
    }
    const { username, claims, expiresIn } = body as {
      username: string;
      claims?: Record<string, unknown>;
      expiresIn?: number;
    };
    const result = await deps.mint(username, {
      ...(claims ? { claims } : {}),
      ...(expiresIn !== undefined ? { expiresIn } : {}),
    });
    if (!result.ok) {
      res
        .status(404)
        .json({ error: { code: "USER_NOT_FOUND", message: `No user named ${username} in the pool.` } });
      return;
    }
    deps.log("/_dev/tokens minted");
    res.json({ idToken: result.idToken, accessToken: result.accessToken });
  });

  router.post("/_dev/keys/rotate", async (req, res) => {
    const body = (req.body ?? {}) as { retireOld?: unknown };
    if (body.retireOld !== undefined && typeof body.retireOld !== "boolean") {
      res.status(400).json({ error: { code: "INVALID_REQUEST", message: "retireOld must be a boolean" } });
      return;
    }
    const { added, retired } = await deps.keys.rotate({ retireOld: body.retireOld === true });
    deps.log(`keys rotated: ${added.length} added, ${retired.length} retired`);
    res.json({
      added,
      retired,
      current: { id: deps.keys.current("id").kid, access: deps.keys.current("access").kid },
    });
  });
  return router;
}

function validateMintBody(body: unknown): string | undefined {
  if (!isRecord(body)) return "body must be a JSON object";
  const { username, claims, expiresIn } = body;
  if (typeof username !== "string" || username === "") return "username must be a non-empty string";
  if (claims !== undefined && !isRecord(claims)) {
    return "claims must be an object";
  }
  if (expiresIn !== undefined && !(typeof expiresIn === "number" && Number.isInteger(expiresIn))) {
    return "expiresIn must be an integer number of seconds";
  }
  return undefined;
}
