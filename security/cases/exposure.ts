/**
 * Exposure: the local surfaces that exist only in the twin (Cognito `/_dev/tokens` mints a valid token for
 * any user, `/_dev/keys/rotate`; the stub's `/_stub/*` journal and scenarios; the request inspector)
 * must answer neither the network, unless opened on purpose, nor a web page of another site, and the
 * chat page must load nothing an answer names. `npm start` must warn when the stack listens beyond
 * loopback.
 *
 * The surfaces run in-process, built from the target's `surfaces()` module (emulator/stack/dev-access.ts
 * is their guard), behind listeners on 127.0.0.1. EXP-01 and 02 report a documentation address
 * (203.0.113.7, RFC 5737) as the peer: the suite cannot call from another machine, and a second loopback
 * address would still be loopback. They need the offline twin, as a deployment has no dev endpoints.
 */
import { defaultConfig } from "../../emulator/config/defaults.js";
import { exposureWarning } from "../../emulator/stack/exposure-warning.js";
import { serveAsPeer } from "../../emulator/stack/simulated-peer.js";
import type { AttackCase } from "../case.js";
import type { AttackResponse } from "../http.js";
import { pageCases } from "./exposure-pages.js";
import { renderCases } from "./exposure-render.js";
import {
  call,
  expectRefused,
  JSON_TYPE,
  MINT,
  PLAYGROUND_ORIGIN,
  verdict,
  withSurfaces,
} from "./exposure-setup.js";

const REMOTE_PEER = "203.0.113.7";

const closedByDefault: AttackCase = {
  id: "EXP-01",
  category: "exposure",
  name: "dev endpoints called from a non-loopback peer (default setting)",
  expected:
    "403 on /_dev/tokens, /_dev/keys/rotate (FORBIDDEN) and /_stub/* (PERMISSION_DENIED); no token, no rotation, no scenario change",
  needs: ["surfaces"],
  run: (target) =>
    withSurfaces(target, async ({ cognito, gemini, url }) => {
      const problems: string[] = [];
      const kidBefore = cognito.keys.current("id").kid;
      const idp = await serveAsPeer(cognito.app, REMOTE_PEER);
      const stub = await serveAsPeer(gemini.app, REMOTE_PEER);
      try {
        const answers: [string, AttackResponse][] = [
          ["/_dev/tokens", await call(idp.url, "POST", "/_dev/tokens", JSON_TYPE, MINT)],
          ["/_dev/keys/rotate", await call(idp.url, "POST", "/_dev/keys/rotate", JSON_TYPE, "{}")],
          ["GET /_stub/requests", await call(stub.url, "GET", "/_stub/requests")],
          ["DELETE /_stub/requests", await call(stub.url, "DELETE", "/_stub/requests")],
          [
            "PUT /_stub/scenario",
            await call(stub.url, "PUT", "/_stub/scenario", JSON_TYPE, '{"name":"rate-limited"}'),
          ],
        ];
        expectRefused(answers, problems);
        for (const [route, res] of answers)
          if (res.body.includes("idToken")) problems.push(`${route} handed out a token`);
        // The public parts still answer: the rule is about the dev endpoints only.
        const jwks = await call(
          idp.url,
          "GET",
          `/${defaultConfig().cognito.userPoolId}/.well-known/jwks.json`,
        );
        if (jwks.status !== 200) problems.push(`JWKS answered ${jwks.status}`);
      } finally {
        await idp.close();
        await stub.close();
      }
      if (cognito.keys.current("id").kid !== kidBefore) problems.push("the signing key was rotated");
      const scenario = await call(url.stub, "GET", "/_stub/scenario");
      if (!scenario.body.includes('"name":null')) problems.push(`the scenario changed: ${scenario.body}`);
      return verdict(
        problems,
        "5 dev requests from 203.0.113.7: all 403 in the service's format, nothing changed",
      );
    }),
};

const whatStillWorks: AttackCase = {
  id: "EXP-02",
  category: "exposure",
  name: "the surfaces' own users: local tools, the playground, a remote peer once access is open",
  expected:
    "200 for curl-like callers (own Host, JSON, no Origin) and for the playground (CORS naming its origin); a remote peer with access open: 200",
  needs: ["surfaces"],
  run: async (target) => {
    const problems: string[] = [];
    await withSurfaces(target, async ({ url, port }) => {
      for (const host of ["127.0.0.1", "localhost", "[::1]"]) {
        const minted = await call(
          url.idp,
          "POST",
          "/_dev/tokens",
          { ...JSON_TYPE, host: `${host}:${port.idp}` },
          MINT,
        );
        if (minted.status !== 200 || !minted.body.includes("idToken"))
          problems.push(`Host ${host}: /_dev/tokens ${minted.status}`);
      }
      const fromPage = await call(
        url.idp,
        "POST",
        "/_dev/tokens",
        { ...JSON_TYPE, origin: PLAYGROUND_ORIGIN },
        MINT,
      );
      if (fromPage.status !== 200 || fromPage.headers["access-control-allow-origin"] !== PLAYGROUND_ORIGIN) {
        problems.push(
          `playground /_dev/tokens ${fromPage.status} CORS ${fromPage.headers["access-control-allow-origin"]}`,
        );
      }
      const journal = await call(url.stub, "GET", "/_stub/requests");
      if (journal.status !== 200) problems.push(`/_stub/requests ${journal.status}`);
      const scenario = await call(url.stub, "PUT", "/_stub/scenario", JSON_TYPE, '{"name":"default"}');
      if (scenario.status !== 200) problems.push(`PUT /_stub/scenario ${scenario.status}`);
      const inspector = await call(url.cf, "GET", "/__emulator/requests", { origin: PLAYGROUND_ORIGIN });
      if (inspector.status !== 200) problems.push(`inspector ${inspector.status}`);
      const clear = await call(url.cf, "DELETE", "/__emulator/requests", {
        origin: `http://127.0.0.1:${port.cf}`,
      });
      if (clear.status !== 204) problems.push(`same-origin DELETE on the inspector ${clear.status}`);
    });
    // Explicitly opened: the same services built with access "open" serve a remote peer.
    await withSurfaces(
      target,
      async ({ cognito, gemini }) => {
        const idp = await serveAsPeer(cognito.app, REMOTE_PEER);
        const stub = await serveAsPeer(gemini.app, REMOTE_PEER);
        try {
          const minted = await call(idp.url, "POST", "/_dev/tokens", JSON_TYPE, MINT);
          if (minted.status !== 200) problems.push(`opened /_dev/tokens answered ${minted.status}`);
          const journal = await call(stub.url, "GET", "/_stub/requests");
          if (journal.status !== 200) problems.push(`opened /_stub/requests answered ${journal.status}`);
        } finally {
          await idp.close();
          await stub.close();
        }
      },
      "open",
    );
    return verdict(
      problems,
      "local tools and the playground: 200 (3 Host names, CORS names the playground); opened: 200 for 203.0.113.7",
    );
  },
};

const bannerWarns: AttackCase = {
  id: "EXP-03",
  category: "exposure",
  name: "npm start's banner when the stack listens beyond loopback (STACK_HOST=0.0.0.0)",
  expected: "a WARNING naming every exposed service and the dev-endpoint rule; nothing for a loopback stack",
  needs: ["surfaces"],
  async run() {
    const problems: string[] = [];
    const config = defaultConfig();
    if (exposureWarning(config, "loopback").length > 0) problems.push("warns for a loopback stack");
    for (const part of [
      config.cognito,
      config.gemini,
      config.functionUrl,
      config.cloudfront,
      config.playground,
    ]) {
      part.host = "0.0.0.0";
    }
    const text = exposureWarning(config, "loopback").join("\n");
    if (!text.includes("WARNING: listening beyond loopback")) problems.push("no warning for 0.0.0.0");
    for (const name of ["cognito 0.0.0.0", "gemini stub 0.0.0.0", "cloudfront 0.0.0.0"]) {
      if (!text.includes(name)) problems.push(`warning does not name ${name}`);
    }
    if (!text.includes("EMULATOR_DEV_ENDPOINTS=open"))
      problems.push("warning does not name the dev-endpoint setting");
    const open = exposureWarning(config, "open").join("\n");
    if (!/OPEN to every caller/.test(open)) problems.push("no alarm when the dev endpoints are open");
    return verdict(problems, "0.0.0.0: WARNING names 5 services and the dev-endpoint rule; loopback: silent");
  },
};

export const exposureCases: AttackCase[] = [
  closedByDefault,
  whatStillWorks,
  bannerWarns,
  ...pageCases,
  ...renderCases,
];
