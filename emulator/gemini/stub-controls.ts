/**
 * The stub's control endpoints (pinned paths): `GET|PUT|DELETE /_stub/scenario` and
 * `GET|DELETE /_stub/requests`. Not part of the Gemini API; never forwarded anywhere. Only loopback
 * callers get in unless EMULATOR_DEV_ENDPOINTS=open, and never a web page of another site (a foreign Host
 * or Origin, or a body a form could send: emulator/stack/dev-access.ts); a refusal is a 403 in Google's
 * error form (PERMISSION_DENIED), like the rest of the stub.
 */

import express from "express";
import { type DevAccess, devAccess } from "../stack/dev-access.js";
import { devAccessGuard } from "../stack/dev-access-guard.js";
import type { RequestJournal } from "./journal.js";
import { parseScenario, type Scenario } from "./scenarios.js";

export interface StubControls {
  journal: RequestJournal;
  getScenario(): Scenario | null;
  setScenario(scenario: Scenario | null): void;
  log: (line: string) => void;
  /** Who may call (default: EMULATOR_DEV_ENDPOINTS, the pinned playground, host 127.0.0.1). */
  devAccess?: DevAccess;
}

export function stubControlRouter(controls: StubControls): express.Router {
  const router = express.Router();
  const refuse = (message: string) => ({ error: { code: 403, message, status: "PERMISSION_DENIED" } });
  router.use("/_stub", devAccessGuard(controls.devAccess ?? devAccess(), refuse, controls.log));
  // Same shape as the PUT body: `{"name": null}` when the default replies are on.
  const scenarioJson = (): Record<string, unknown> => {
    const scenario = controls.getScenario();
    return scenario ? { ...scenario } : { name: null };
  };

  router.get("/_stub/scenario", (_req, res) => {
    res.json(scenarioJson());
  });
  router.put("/_stub/scenario", express.json({ type: () => true }), (req, res) => {
    let scenario: Scenario | null;
    try {
      scenario = parseScenario(req.body ?? {});
    } catch (error) {
      res.status(400).json({ error: { message: (error as Error).message } });
      return;
    }
    controls.setScenario(scenario);
    controls.log(`scenario ${scenario?.name ?? "default"}`);
    res.json(scenarioJson());
  });
  router.delete("/_stub/scenario", (_req, res) => {
    controls.setScenario(null);
    res.json(scenarioJson());
  });
  router.get("/_stub/requests", (_req, res) => {
    res.json({ requests: controls.journal.list() });
  });
  router.delete("/_stub/requests", (_req, res) => {
    controls.journal.clear();
    res.status(204).end();
  });
  return router;
}
