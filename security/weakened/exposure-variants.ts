/**
 * The exposure category's weakened targets: each removes ONE of the dev-access guard's checks, the
 * Cognito dev routes' place before the IdP API's open CORS, or the page's refusal to load images, in a
 * bundle of the exposure surfaces (surfaces-build.ts).
 */
import type { Weakness } from "./variants.js";

const GUARD = "emulator/stack/dev-access.ts";

export const EXPOSURE_WEAKNESSES: readonly Weakness[] = [
  {
    name: "any-peer",
    description: "the dev endpoints answer any peer (the loopback rule is gone)",
    surface: {
      file: GUARD,
      find: "if (!devCallerAllowed(req.socket.remoteAddress, access)) {",
      replace: "if (false) {",
    },
    mustFail: ["EXP-01"],
  },
  {
    name: "any-host",
    description: "the guard no longer checks Host (DNS rebinding reaches every surface)",
    surface: {
      file: GUARD,
      find: "if (host !== undefined && !isOwnHost(host, serviceHost)) {",
      replace: "if (false) {",
    },
    mustFail: ["EXP-04", "EXP-05", "EXP-06"],
  },
  {
    name: "any-origin",
    description: "the guard no longer checks Origin",
    surface: {
      file: GUARD,
      find: "if (origin !== undefined && !fromPlayground && !sameOrigin) {",
      replace: "if (false) {",
    },
    mustFail: ["EXP-07", "EXP-10"],
  },
  {
    name: "simple-bodies",
    description: "the guard no longer requires a JSON body type (form and text/plain posts pass)",
    surface: {
      file: GUARD,
      find: "if (BODY_METHODS.has(method) && !isJsonContentType(type)) {",
      replace: "if (false) {",
    },
    mustFail: ["EXP-08"],
  },
  {
    name: "wildcard-cors",
    description: "Cognito's open CORS (any origin) runs before the dev routes, as it once did",
    surface: {
      file: "emulator/cognito/server.ts",
      find: "  const dev = devAccess(",
      replace: "  app.use(cors);\n  const dev = devAccess(",
    },
    mustFail: ["EXP-09"],
  },
  {
    name: "load-images",
    description: "the chat page renders the model's images (the alt-text stand-in is gone)",
    surface: { file: "frontend/src/components/Markdown.tsx", find: "  img: ImageNotLoaded,", replace: "" },
    mustFail: ["EXP-11"],
  },
];
