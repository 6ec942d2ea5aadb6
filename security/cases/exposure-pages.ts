/**
 * Exposure, what a web page can try from the developer's own browser (which passes the loopback rule):
 * reach a surface under its own name by DNS rebinding (a foreign Host), call it from another site (a
 * foreign Origin), post a body a form can send without asking first, read a wildcard CORS answer, and
 * wipe the inspector. Every attempt must get the service's 403 and change nothing.
 */
import type { AttackCase } from "../case.js";
import type { AttackResponse } from "../http.js";
import {
  call,
  EVIL_ORIGIN,
  expectRefused,
  JSON_TYPE,
  type LiveSurfaces,
  MINT,
  PLAYGROUND_ORIGIN,
  PROMPT_MARK,
  verdict,
  withSurfaces,
} from "./exposure-setup.js";

type Labelled = [string, AttackResponse][];

/** Nothing a refused request could have shown or changed: tokens, prompts, the key, the scenario, chats. */
async function unchanged(
  live: LiveSurfaces,
  kid: string,
  answers: Labelled,
  problems: string[],
): Promise<void> {
  for (const [label, res] of answers) {
    if (res.body.includes("idToken")) problems.push(`${label} handed out a token`);
    if (res.body.includes(PROMPT_MARK)) problems.push(`${label} showed the user's prompt`);
    if (res.body.includes("viewer-request")) problems.push(`${label} showed the inspector's chat`);
  }
  if (live.cognito.keys.current("id").kid !== kid) problems.push("the signing key was rotated");
  if (live.gemini.journal.list().length !== 1) problems.push("the stub's journal was cleared");
  const scenario = await call(live.url.stub, "GET", "/_stub/scenario");
  if (!scenario.body.includes('"name":null')) problems.push(`the scenario became ${scenario.body}`);
  if (live.recorder.list().length !== 1) problems.push("the inspector's chats were cleared");
}

/** Runs `attempts` against fresh surfaces, then checks every answer is a 403 and nothing changed. */
function refusedCase(
  fields: Omit<AttackCase, "run" | "needs" | "category">,
  attempts: (live: LiveSurfaces) => Promise<Labelled>,
  ok: string,
): AttackCase {
  return {
    ...fields,
    category: "exposure",
    needs: ["surfaces"],
    run: (target) =>
      withSurfaces(target, async (live) => {
        const problems: string[] = [];
        const kid = live.cognito.keys.current("id").kid;
        const answers = await attempts(live);
        expectRefused(answers, problems);
        await unchanged(live, kid, answers, problems);
        return verdict(problems, `${answers.length} requests: ${ok}`);
      }),
  };
}

const REBOUND = ["evil.example", "127.0.0.1.evil.example", "localhost.evil.example"];

const hostOnCognito = refusedCase(
  {
    id: "EXP-04",
    name: "Cognito /_dev/* reached by DNS rebinding (Host: evil.example and look-alikes)",
    expected: "403 FORBIDDEN for every foreign Host; no token minted, no key rotated",
  },
  async ({ url, port }) => {
    const answers: Labelled = [];
    for (const name of REBOUND) {
      const host = { ...JSON_TYPE, host: `${name}:${port.idp}` };
      answers.push([`tokens Host ${name}`, await call(url.idp, "POST", "/_dev/tokens", host, MINT)]);
      answers.push([`rotate Host ${name}`, await call(url.idp, "POST", "/_dev/keys/rotate", host, "{}")]);
    }
    return answers;
  },
  "all 403 FORBIDDEN, no token, key unchanged",
);

const hostOnStub = refusedCase(
  {
    id: "EXP-05",
    name: "Gemini stub /_stub/* reached by DNS rebinding (read the prompt journal, switch the scenario)",
    expected: "403 PERMISSION_DENIED for every foreign Host; no journal read, scenario unchanged",
  },
  async ({ url, port }) => {
    const answers: Labelled = [];
    for (const name of REBOUND) {
      const host = { host: `${name}:${port.stub}` };
      answers.push([`journal Host ${name}`, await call(url.stub, "GET", "/_stub/requests", host)]);
      answers.push([
        `scenario Host ${name}`,
        await call(url.stub, "PUT", "/_stub/scenario", { ...host, ...JSON_TYPE }, '{"name":"unavailable"}'),
      ]);
    }
    return answers;
  },
  "all 403 PERMISSION_DENIED, scenario unchanged",
);

const hostOnInspector = refusedCase(
  {
    id: "EXP-06",
    name: "the request inspector reached by DNS rebinding (read a chat, list, clear)",
    expected: "403 FORBIDDEN for every foreign Host; the chat stays and is not shown",
  },
  async ({ url, port }) => {
    const answers: Labelled = [];
    for (const name of REBOUND) {
      const host = { host: `${name}:${port.cf}` };
      answers.push([`list Host ${name}`, await call(url.cf, "GET", "/__emulator/requests", host)]);
      answers.push([`chat Host ${name}`, await call(url.cf, "GET", "/__emulator/requests/chat-1", host)]);
      answers.push([`clear Host ${name}`, await call(url.cf, "DELETE", "/__emulator/requests", host)]);
    }
    return answers;
  },
  "all 403 FORBIDDEN, the chat kept",
);

const FOREIGN = [EVIL_ORIGIN, "null", "http://127.0.0.1:3000", "http://localhost.evil.example:15173"];

const foreignOrigin = refusedCase(
  {
    id: "EXP-07",
    name: "dev endpoints called from another site's page (Origin evil, null, another port), JSON bodies",
    expected:
      "403 for every Origin but the playground's; no token, no rotation, no scenario change, no journal",
  },
  async ({ url }) => {
    const answers: Labelled = [];
    for (const origin of FOREIGN) {
      const from = { ...JSON_TYPE, origin };
      answers.push([`tokens Origin ${origin}`, await call(url.idp, "POST", "/_dev/tokens", from, MINT)]);
      answers.push([`rotate Origin ${origin}`, await call(url.idp, "POST", "/_dev/keys/rotate", from, "{}")]);
      answers.push([
        `scenario Origin ${origin}`,
        await call(url.stub, "PUT", "/_stub/scenario", from, '{"name":"unavailable"}'),
      ]);
      answers.push([`journal Origin ${origin}`, await call(url.stub, "GET", "/_stub/requests", { origin })]);
    }
    return answers;
  },
  "all 403, nothing changed",
);

const SIMPLE_TYPES = [
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  undefined,
];

const simpleBodies = refusedCase(
  {
    id: "EXP-08",
    name: "text/plain, form and multipart posts (no preflight), and posts with no body type",
    expected:
      "403 for each, with no Origin (an older browser's form post) or the playground's; no token, no rotation",
  },
  async ({ url }) => {
    const answers: Labelled = [];
    // The request of `curl -X POST .../_dev/tokens -H 'Origin: https://evil.example' -H 'content-type: text/plain'`.
    const curl = { origin: EVIL_ORIGIN, "content-type": "text/plain" };
    answers.push(["tokens evil text/plain", await call(url.idp, "POST", "/_dev/tokens", curl, MINT)]);
    for (const type of SIMPLE_TYPES) {
      for (const origin of [undefined, PLAYGROUND_ORIGIN]) {
        const headers: Record<string, string> = {};
        if (type) headers["content-type"] = type;
        if (origin) headers.origin = origin;
        const label = `${type ?? "no type"}${origin ? " from the playground" : ""}`;
        answers.push([`tokens ${label}`, await call(url.idp, "POST", "/_dev/tokens", headers, MINT)]);
        answers.push([`rotate ${label}`, await call(url.idp, "POST", "/_dev/keys/rotate", headers, "{}")]);
        answers.push([
          `scenario ${label}`,
          await call(url.stub, "PUT", "/_stub/scenario", headers, '{"name":"unavailable"}'),
        ]);
      }
    }
    return answers;
  },
  "all 403, nothing changed",
);

const ALLOW_ORIGIN = "access-control-allow-origin";

const noWildcardCors: AttackCase = {
  id: "EXP-09",
  category: "exposure",
  name: "CORS answers to another site's and the playground's preflights and requests",
  expected:
    "no access-control-allow-origin for another site (never *); the playground's own origin, named, for the playground",
  needs: ["surfaces"],
  run: (target) =>
    withSurfaces(target, async ({ url }) => {
      const problems: string[] = [];
      const routes: [string, string, string, Record<string, string>, string?][] = [
        ["tokens", url.idp, "/_dev/tokens", JSON_TYPE, MINT],
        ["rotate", url.idp, "/_dev/keys/rotate", JSON_TYPE, "{}"],
        ["journal", url.stub, "/_stub/requests", {}],
        ["inspector", url.cf, "/__emulator/requests", {}],
      ];
      for (const [label, base, route, headers, body] of routes) {
        const method = body === undefined ? "GET" : "POST";
        const ask = {
          "access-control-request-method": method,
          "access-control-request-headers": "content-type",
        };
        for (const origin of [EVIL_ORIGIN, "null"]) {
          const preflight = await call(base, "OPTIONS", route, { ...ask, origin });
          const request = await call(base, method, route, { ...headers, origin }, body);
          for (const [what, res] of [
            ["preflight", preflight],
            ["request", request],
          ] as const) {
            const allowed = res.headers[ALLOW_ORIGIN];
            if (allowed !== undefined)
              problems.push(`${label} ${what} from ${origin}: ${ALLOW_ORIGIN} ${allowed}`);
          }
        }
        const preflight = await call(base, "OPTIONS", route, { ...ask, origin: PLAYGROUND_ORIGIN });
        const request = await call(base, method, route, { ...headers, origin: PLAYGROUND_ORIGIN }, body);
        for (const [what, res] of [
          ["preflight", preflight],
          ["request", request],
        ] as const) {
          const allowed = res.headers[ALLOW_ORIGIN];
          if (allowed !== PLAYGROUND_ORIGIN)
            problems.push(`${label} ${what} from the playground: ${ALLOW_ORIGIN} ${allowed}`);
        }
      }
      return verdict(
        problems,
        "4 routes x 3 origins, preflight and request: no CORS for other sites, the playground named",
      );
    }),
};

const wipeInspector = refusedCase(
  {
    id: "EXP-10",
    name: "DELETE on the request inspector and the stub's journal from another site's page",
    expected: "403 for each foreign Origin; the inspector's chat and the journal stay",
  },
  async ({ url }) => {
    const answers: Labelled = [];
    for (const origin of FOREIGN) {
      answers.push([
        `inspector Origin ${origin}`,
        await call(url.cf, "DELETE", "/__emulator/requests", { origin }),
      ]);
      answers.push([
        `journal Origin ${origin}`,
        await call(url.stub, "DELETE", "/_stub/requests", { origin }),
      ]);
    }
    return answers;
  },
  "all 403, the chat kept",
);

export const pageCases: AttackCase[] = [
  hostOnCognito,
  hostOnStub,
  hostOnInspector,
  foreignOrigin,
  simpleBodies,
  noWildcardCors,
  wipeInspector,
];
