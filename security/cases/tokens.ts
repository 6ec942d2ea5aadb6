/**
 * Token attacks (SECURITY.md, "The catalogue"): every forged or malformed ID token must end in the pinned 401
 * with `WWW-Authenticate: Bearer error="invalid_token"` (docs/interfaces.md#errors-before-the-stream), a
 * message that helps no attacker, and no model call. docs/platform-facts.md#aws-jwt-verify lists what the
 * verifier checks; the forged tokens come from emulator/cognito/forge.ts.
 */
import { randomBytes } from "node:crypto";
import type { Forger } from "../../emulator/cognito/forge.js";
import { viewerHeaders } from "../../emulator/stack/viewer-request.js";
import {
  type AttackCase,
  chatBody,
  describe,
  judgeAnswer,
  judgeRefusal,
  modelMark,
  postChat,
} from "../case.js";
import type { Target } from "../target.js";

const INVALID = ["TOKEN_INVALID", "TOKEN_MALFORMED"];

/** A case that sends one Authorization value and expects the pinned 401. */
function refusal(
  id: string,
  name: string,
  authorization: (target: Target) => Promise<string | undefined>,
  options: { codes?: string[]; statuses?: number[]; needs?: AttackCase["needs"]; expected?: string } = {},
): AttackCase {
  const codes = options.codes ?? INVALID;
  return {
    id,
    category: "tokens",
    name,
    needs: options.needs,
    expected: options.expected ?? `401 ${codes.join("|")}, WWW-Authenticate invalid_token, model not called`,
    async run(target) {
      const value = await authorization(target);
      const mark = await modelMark(target);
      const res = await postChat(target, id, value);
      return judgeRefusal(target, res, mark, {
        codes,
        statuses: options.statuses,
        secretsInMessage: value ? [value.slice(7, 40)] : [],
      });
    },
  };
}

const forged = (make: (forge: Forger) => Promise<string>) => async (target: Target) => {
  const forger = await target.local?.forger?.();
  if (!forger) throw new Error("no forger");
  return `Bearer ${await make(forger)}`;
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export const tokenCases: AttackCase[] = [
  refusal("TOK-01", "no Authorization header", async () => undefined, { codes: ["TOKEN_MISSING"] }),
  refusal("TOK-02", "empty Authorization header", async () => "", { codes: ["TOKEN_MISSING"] }),
  refusal(
    "TOK-03",
    "wrong scheme (Basic)",
    async () => `Basic ${Buffer.from("alice:Alice-Pass-1").toString("base64")}`,
    {
      codes: ["TOKEN_MALFORMED"],
    },
  ),
  {
    id: "TOK-04",
    category: "tokens",
    name: "Bearer variants: no space, tab, colon, two tokens, trailing junk",
    expected: "401 TOKEN_MALFORMED|TOKEN_INVALID for each, model not called",
    async run(target) {
      const token = await target.validToken();
      const variants = [
        `Bearer${token}`,
        `Bearer\t${token}`,
        `Bearer: ${token}`,
        `Bearer ${token} ${token}`,
        `Bearer ${token},x`,
        `Token ${token}`,
      ];
      const results: string[] = [];
      let pass = true;
      for (const [i, value] of variants.entries()) {
        const mark = await modelMark(target);
        const res = await postChat(target, `TOK-04.${i}`, value);
        const outcome = await judgeRefusal(target, res, mark, { codes: INVALID });
        pass &&= outcome.pass;
        if (!outcome.pass) results.push(`variant ${i}: ${outcome.observed}`);
      }
      return {
        pass,
        observed: pass ? `${variants.length}/${variants.length} refused with 401` : results.join("; "),
      };
    },
  },
  {
    id: "TOK-05",
    category: "tokens",
    name: "case and space variants of Bearer carrying a forged token",
    expected: "401 for each (the scheme is case-insensitive, RFC 7235 2.1; the token still must verify)",
    needs: ["forge"],
    async run(target) {
      const forger = await target.local?.forger?.();
      if (!forger) throw new Error("no forger");
      const bad = await forger.flippedSignature();
      const variants = [
        `bearer ${bad}`,
        `BEARER ${bad}`,
        `Bearer   ${bad}`,
        `  Bearer ${bad}  `,
        `bEaReR ${bad}`,
      ];
      const problems: string[] = [];
      for (const [i, value] of variants.entries()) {
        const mark = await modelMark(target);
        const outcome = await judgeRefusal(target, await postChat(target, `TOK-05.${i}`, value), mark, {
          codes: INVALID,
        });
        if (!outcome.pass) problems.push(`variant ${i}: ${outcome.observed}`);
      }
      // Informational: the same variants with a genuine token are accepted (RFC 7235: scheme is case-insensitive).
      const lower = await postChat(target, "TOK-05.valid", `bearer ${await target.validToken()}`);
      const note = `; "bearer <valid>" -> ${describe(lower)}`;
      return {
        pass: problems.length === 0,
        observed:
          (problems.length === 0 ? `${variants.length}/${variants.length} refused` : problems.join("; ")) +
          note,
      };
    },
  },
  refusal("TOK-06", "garbage token", async () => "Bearer !!!not-a-jwt$$$", { codes: ["TOKEN_MALFORMED"] }),
  refusal("TOK-07", "two-segment token", async (t) => {
    const [h, p] = (await t.validToken()).split(".");
    return `Bearer ${h}.${p}`;
  }),
  refusal(
    "TOK-08",
    "four-segment token",
    async (t) => `Bearer ${await t.validToken()}.${randomBytes(8).toString("base64url")}`,
  ),
  refusal(
    "TOK-09",
    "alg none, empty signature",
    forged((f) => f.algNone()),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-10",
    "alg none, original signature kept",
    forged((f) => f.algNone({ withSignature: true })),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-11",
    "HS256 keyed with the published RSA public key",
    forged((f) => f.hs256WithPublicKey()),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-12",
    "foreign RSA key with the real kid",
    forged((f) => f.foreignKeyRealKid()),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-13",
    "unknown kid",
    forged((f) => f.unknownKid()),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-14",
    "kid with path traversal and injection characters",
    forged((f) => f.kidInjection()),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-15",
    "jku header pointing to an attacker JWKS",
    forged((f) => f.headerPointer("jku")),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-16",
    "x5u header pointing to an attacker certificate",
    forged((f) => f.headerPointer("x5u")),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-17",
    "embedded jwk header with the attacker's key",
    forged((f) => f.headerPointer("jwk")),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-18",
    "expired token",
    forged((f) => f.expired()),
    { needs: ["forge"], codes: ["TOKEN_EXPIRED"] },
  ),
  refusal(
    "TOK-19",
    "nbf in the future",
    forged((f) => f.notYetValid()),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-20",
    "iat in the future",
    forged((f) => f.issuedInFuture()),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-21",
    "wrong iss: another pool",
    forged((f) => f.wrongIssuer("other-pool")),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-22",
    "wrong iss: another region",
    forged((f) => f.wrongIssuer("other-region")),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-23",
    "wrong iss: http scheme",
    forged((f) => f.wrongIssuer("http")),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-24",
    "wrong aud (another app client)",
    forged((f) => f.wrongAudience()),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-25",
    "aud as an array holding the right client id",
    forged((f) => f.audAsArray()),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-26",
    "access token where an ID token is expected",
    forged((f) => f.accessTokenAsId()),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-27",
    "missing token_use",
    forged((f) => f.missingClaim("token_use")),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-28",
    "payload tampered after signing (groups, sub)",
    forged((f) => f.tamperedPayload()),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-29",
    "one signature bit flipped",
    forged((f) => f.flippedSignature()),
    { needs: ["forge"] },
  ),
  refusal(
    "TOK-30",
    "100 KB validly signed token",
    forged((f) => f.oversized(100 * 1024)),
    {
      needs: ["forge"],
      statuses: [401, 413, 431, 494],
      codes: INVALID,
      expected:
        // Assumption: CloudFront's answer to an oversized header (494) is not documented
        // (docs/platform-facts.md#origin-headers).
        "refused before the model: 401, or the edge's header limit (431 locally, 494 assumed on CloudFront); model not called",
    },
  ),
  refusal("TOK-31", "genuine payload under a fresh header with a random signature", async (t) => {
    const [, p] = (await t.validToken()).split(".");
    return `Bearer ${b64({ alg: "RS256", typ: "JWT" })}.${p}.${randomBytes(256).toString("base64url")}`;
  }),
  {
    id: "TOK-32",
    category: "tokens",
    name: "token signed by a key removed after rotation (cold container)",
    expected: "401 TOKEN_INVALID once the key is gone from the JWKS; model not called",
    needs: ["forge", "rotate", "reload"],
    async run(target) {
      const local = target.local;
      if (!local?.rotateKeys || !local.reloadFunction) throw new Error("missing powers");
      const old = await local.mint();
      await local.rotateKeys(true);
      local.reloadFunction();
      const mark = await modelMark(target);
      const res = await postChat(target, "TOK-32", `Bearer ${old}`);
      const outcome = await judgeRefusal(target, res, mark, { codes: INVALID });
      const control = judgeAnswer(
        await postChat(target, "TOK-32.new", `Bearer ${await local.mint()}`, {
          body: chatBody("[[stub:paced pieces=2 delayMs=0]] hi"),
        }),
      );
      return {
        pass: outcome.pass && control.pass,
        observed: `${outcome.observed}; token from the new key: ${control.observed}`,
      };
    },
  },
  {
    id: "TOK-33",
    category: "tokens",
    name: "valid token sent only in Authorization straight to the Function URL",
    expected: "403 from the Function URL (AWS_IAM: not signed), the function never runs",
    needs: ["functionUrl"],
    async run(target) {
      const fu = target.functionUrl;
      if (!fu) throw new Error("no function URL");
      const body = chatBody();
      const mark = await modelMark(target);
      const res = await target.send("TOK-33", {
        url: `${fu.url}/chatbot`,
        headers: { host: fu.host, ...viewerHeaders(body, `Bearer ${await target.validToken()}`) },
        body,
      });
      const outcome = await judgeRefusal(target, res, mark, { statuses: [403] });
      return outcome;
    },
  },
  {
    id: "TOK-34",
    category: "tokens",
    name: "valid token in x-forwarded-authorization only (header smuggling past the CloudFront Function)",
    expected: "401 TOKEN_MISSING: the viewer cannot supply the forwarded header",
    async run(target) {
      const mark = await modelMark(target);
      const res = await postChat(target, "TOK-34", undefined, {
        headers: { "x-forwarded-authorization": `Bearer ${await target.validToken()}` },
      });
      return judgeRefusal(target, res, mark, { codes: ["TOKEN_MISSING"] });
    },
  },
];

/** Proves the chain answers at all, so every refusal above means something. */
export const controlCases: AttackCase[] = [
  {
    id: "CTL-01",
    category: "control",
    name: "valid ID token, valid body (the control)",
    expected: "200 SSE, text, [DONE]",
    async run(target) {
      const body = target.has("stub")
        ? chatBody("[[stub:paced pieces=3 delayMs=0]] How do I start?")
        : chatBody();
      return judgeAnswer(
        await postChat(target, "CTL-01", `Bearer ${await target.validToken()}`, { body, timeoutMs: 60_000 }),
      );
    },
  },
];
