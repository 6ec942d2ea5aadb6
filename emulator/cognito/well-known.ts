import express from "express";
import type { KeyStore } from "./key-store.js";

/**
 * `/<poolId>/.well-known/jwks.json` and `/openid-configuration` (Cognito developer guide,
 * "Verifying a JSON web token"). The issuer keeps its real form; only jwks_uri points here.
 */
export function wellKnownRouter(deps: {
  userPoolId: string;
  issuer: string;
  keys: KeyStore;
}): express.Router {
  const router = express.Router();
  const base = `/${deps.userPoolId}/.well-known`;

  router.get(`${base}/jwks.json`, (_req, res) => {
    res.json(deps.keys.jwks());
  });

  router.get(`${base}/openid-configuration`, (req, res) => {
    const local = `${req.protocol}://${req.get("host")}/${deps.userPoolId}`;
    // Hosted-UI (OAuth2) endpoints are left out: the emulator has no domain or hosted UI.
    res.json({
      id_token_signing_alg_values_supported: ["RS256"],
      issuer: deps.issuer,
      jwks_uri: `${local}/.well-known/jwks.json`,
      response_types_supported: ["code", "token"],
      scopes_supported: ["openid", "email", "phone", "profile"],
      subject_types_supported: ["public"],
    });
  });

  // Assumption: the body for an unknown pool is undocumented; a 404 in the same JSON shape.
  router.get("/:poolId/.well-known/:doc", (req, res) => {
    res.status(404).json({ message: `User pool ${req.params.poolId} does not exist.` });
  });
  return router;
}
