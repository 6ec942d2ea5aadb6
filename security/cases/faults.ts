/**
 * Faults (SECURITY.md, "The catalogue"): every Gemini stub scenario ends in the documented status or SSE
 * error event within the model timeout (docs/interfaces.md: 429/502/503/504 before the stream, `event: error`
 * after it); JWKS outages and key rotation (aws-jwt-verify's JWKS cache: keys kept across invocations, an
 * unknown kid refetches under a rate limit); a client disconnect is not reported to the function
 * (aws/aws-lambda-nodejs-runtime-interface-client#145), so its model call runs on to its natural end (journal
 * `completed`).
 */
import { randomBytes } from "node:crypto";
import { viewerHeaders } from "../../emulator/stack/viewer-request.js";
import {
  type AttackCase,
  chatBody,
  describe,
  judgeAnswer,
  judgeRefusal,
  modelCallsSince,
  modelMark,
  type Outcome,
  postChat,
  sleep,
} from "../case.js";
import { type AttackResponse, errorCodeOf } from "../http.js";
import type { Target } from "../target.js";

/** An answer that ends in `code`, either as the HTTP error or as the stream's error event, never `[DONE]`. */
export function judgeFailure(
  res: AttackResponse,
  codes: string[],
  status: number,
  withinMs: number,
): Outcome {
  const problems: string[] = [];
  if (res.status === 0) problems.push(`no answer: ${res.error}`);
  if (res.ms > withinMs) problems.push(`took ${res.ms} ms (limit ${withinMs})`);
  if (res.done) problems.push("ended with [DONE]");
  if (res.status === 200) {
    if (!res.streamErrorCode || !codes.includes(res.streamErrorCode))
      problems.push(`stream error ${res.streamErrorCode ?? "none"}`);
  } else {
    const code = errorCodeOf(res.body);
    if (res.status !== status || !code || !codes.includes(code))
      problems.push(`expected ${status} ${codes.join("|")}`);
    if (status === 429 && res.headers["retry-after"] === undefined) problems.push("no Retry-After");
  }
  return {
    pass: problems.length === 0,
    observed: `${describe(res)} in ${res.ms} ms${problems.length ? `: ${problems.join("; ")}` : ""}`,
  };
}

function scenario(id: string, marker: string, codes: string[], status: number, note: string): AttackCase {
  return {
    id,
    category: "faults",
    name: `model scenario ${marker}`,
    expected: `${status} ${codes.join("|")} before the stream, or 200 + event: error ${codes.join("|")} after it; no [DONE]; within the model timeout + 5 s`,
    needs: ["stub"],
    timeoutMs: 90_000,
    async run(target) {
      const limit = (target.local?.modelTimeoutMs ?? 30_000) + 5_000;
      const res = await postChat(target, id, `Bearer ${await target.validToken()}`, {
        body: chatBody(`[[stub:${marker}]] ${note}`),
        timeoutMs: limit + 10_000,
      });
      return judgeFailure(res, codes, status, limit);
    },
  };
}

async function needJwks(target: Target) {
  const jwks = target.local?.jwks;
  if (!jwks) throw new Error("no JWKS switch");
  return jwks;
}

export const faultCases: AttackCase[] = [
  scenario("FLT-01", "rate-limited", ["UPSTREAM_RATE_LIMITED"], 429, "quota"),
  scenario("FLT-02", "server-error", ["UPSTREAM_ERROR"], 502, "500 from the model"),
  scenario("FLT-03", "unavailable", ["UPSTREAM_UNAVAILABLE"], 503, "overloaded"),
  {
    id: "FLT-04",
    category: "faults",
    name: "model scenario slow-first-token (2 s)",
    expected: "200, keep-alive comments while waiting, then the answer and [DONE]",
    needs: ["stub"],
    timeoutMs: 60_000,
    async run(target) {
      const res = await postChat(target, "FLT-04", `Bearer ${await target.validToken()}`, {
        body: chatBody("[[stub:slow-first-token ms=2000]] slow"),
        timeoutMs: 40_000,
      });
      const outcome = judgeAnswer(res);
      const keepAlive = res.body.includes(": keep-alive");
      return {
        pass: outcome.pass,
        observed: `${outcome.observed}${keepAlive ? ", keep-alive seen" : ""} in ${res.ms} ms`,
      };
    },
  },
  scenario("FLT-05", "stall-mid-stream", ["UPSTREAM_TIMEOUT"], 504, "stall"),
  scenario("FLT-06", "drop-mid-stream", ["UPSTREAM_ERROR", "UPSTREAM_UNAVAILABLE"], 502, "drop"),
  scenario("FLT-07", "safety-block", ["UPSTREAM_ERROR"], 502, "unsafe"),
  scenario("FLT-08", "prompt-blocked", ["UPSTREAM_ERROR"], 502, "blocked prompt"),
  {
    id: "FLT-09",
    category: "faults",
    name: "JWKS unreachable on a cold start",
    expected: "503 AUTH_UNAVAILABLE; model not called",
    needs: ["jwks", "reload"],
    async run(target) {
      const jwks = await needJwks(target);
      const token = await target.validToken();
      target.local?.reloadFunction?.();
      jwks.setDown(true);
      try {
        const mark = await modelMark(target);
        const res = await postChat(target, "FLT-09", `Bearer ${token}`);
        const outcome = await judgeRefusal(target, res, mark, { statuses: [503] });
        const ok = outcome.pass && errorCodeOf(res.body) === "AUTH_UNAVAILABLE";
        return { pass: ok, observed: outcome.observed };
      } finally {
        jwks.setDown(false);
      }
    },
  },
  {
    id: "FLT-10",
    category: "faults",
    name: "JWKS unreachable while the container is warm",
    expected: "200: the cached keys still verify tokens",
    needs: ["jwks", "reload"],
    async run(target) {
      const jwks = await needJwks(target);
      const token = await target.validToken();
      target.local?.reloadFunction?.();
      const body = chatBody("[[stub:paced pieces=2 delayMs=0]] warm");
      const warm = judgeAnswer(await postChat(target, "FLT-10.warmup", `Bearer ${token}`, { body }));
      jwks.setDown(true);
      try {
        const res = await postChat(target, "FLT-10", `Bearer ${token}`, { body });
        const outcome = judgeAnswer(res);
        return {
          pass: warm.pass && outcome.pass,
          observed: `warm-up ${warm.observed}; with JWKS down: ${outcome.observed}`,
        };
      } finally {
        jwks.setDown(false);
      }
    },
  },
  {
    id: "FLT-11",
    category: "faults",
    name: "key rotation: a token with the new kid",
    expected: "200 after exactly one JWKS refetch",
    needs: ["jwks", "rotate"],
    async run(target) {
      const local = target.local;
      const jwks = await needJwks(target);
      if (!local?.rotateKeys) throw new Error("no rotation");
      const body = chatBody("[[stub:paced pieces=2 delayMs=0]] rotate");
      // Each environment keeps its own JWKS cache, so the count means "one refetch" only when one
      // environment serves these chats: end the ones earlier cases left (one may still be finishing a
      // chat whose viewer left, and turn idle between the two chats below), then warm a fresh one.
      local.reloadFunction?.();
      // Warm and settled on the current key first.
      judgeAnswer(await postChat(target, "FLT-11.warmup", `Bearer ${await local.mint()}`, { body }));
      // aws-jwt-verify waits 10 s after a fetch before it refetches for an unknown kid (its penalty box).
      await sleep(10_500);
      await local.rotateKeys(false);
      const before = jwks.fetches();
      const first = judgeAnswer(await postChat(target, "FLT-11", `Bearer ${await local.mint()}`, { body }));
      const second = judgeAnswer(
        await postChat(target, "FLT-11.again", `Bearer ${await local.mint()}`, { body }),
      );
      const refetches = jwks.fetches() - before;
      return {
        pass: first.pass && second.pass && refetches === 1,
        observed: `new kid: ${first.observed}; again: ${second.observed}; JWKS fetches: ${refetches}`,
      };
    },
    timeoutMs: 60_000,
  },
  {
    id: "FLT-12",
    category: "faults",
    name: "flood of 50 tokens with random kids",
    expected: "all 401; at most 2 JWKS fetches (no fetch per unknown kid); model not called",
    needs: ["jwks", "forge"],
    timeoutMs: 60_000,
    async run(target) {
      const jwks = await needJwks(target);
      const forger = await target.local?.forger?.();
      if (!forger) throw new Error("no forger");
      const before = jwks.fetches();
      const mark = await modelMark(target);
      const statuses = new Map<number, number>();
      const tokens = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const valid = await forger.valid();
          const payload = JSON.parse(
            Buffer.from(valid.split(".")[1] ?? "", "base64url").toString(),
          ) as Record<string, unknown>;
          return forger.sign({ kid: randomBytes(16).toString("base64url"), alg: "RS256" }, payload);
        }),
      );
      // One after another: each container keeps its own JWKS cache, so parallel requests would also count cold starts.
      for (const [i, token] of tokens.entries()) {
        const res = await postChat(target, `FLT-12 #${i}`, `Bearer ${token}`);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
      const fetches = jwks.fetches() - before;
      const calls = await modelCallsSince(target, mark);
      const all401 = statuses.get(401) === 50;
      const spread = [...statuses.entries()].map(([s, c]) => `${s}x${c}`).join(" ");
      return {
        pass: all401 && fetches <= 2 && calls === 0,
        observed: `${spread}; JWKS fetches: ${fetches}; model calls: ${calls}`,
      };
    },
  },
  {
    id: "FLT-13",
    category: "faults",
    name: "client disconnects mid-answer",
    expected:
      "the function is not told (aws/aws-lambda-nodejs-runtime-interface-client#145): the model call runs to its natural end (journal: completed)",
    needs: ["stub", "journal"],
    timeoutMs: 60_000,
    async run(target) {
      const journal = target.local?.journal;
      if (!journal) throw new Error("no journal");
      const mark = (await modelMark(target)) ?? 0;
      // About 2 s of answer (40 pieces x 50 ms), shorter than the model timeout, so its natural end is the bound.
      const body = chatBody("[[stub:paced pieces=40 delayMs=50]] long");
      const res = await target.send("FLT-13", {
        url: target.endpoint,
        headers: viewerHeaders(body, `Bearer ${await target.validToken()}`),
        body,
        onChunk: (text) => text.includes('"chunk"'),
        timeoutMs: 20_000,
      });
      const cutAt = Date.now();
      if (!res.disconnected)
        return { pass: false, observed: `never saw a chunk to disconnect after: ${describe(res)}` };
      const limitMs = (target.local?.modelTimeoutMs ?? 30_000) + 5_000;
      while (Date.now() - cutAt < limitMs) {
        const entry = (await journal()).find((e) => (Number(e.id.replace(/\D/g, "")) || 0) > mark);
        if (entry?.aborted)
          return {
            pass: false,
            observed: `model call aborted ${Date.now() - cutAt} ms after the disconnect: Lambda does not report a gone viewer (aws/aws-lambda-nodejs-runtime-interface-client#145)`,
          };
        if (entry?.completed)
          return {
            pass: true,
            observed: `model call ran to its natural end ${Date.now() - cutAt} ms after the disconnect`,
          };
        await sleep(50);
      }
      return { pass: false, observed: `the model call had not ended ${limitMs} ms after the disconnect` };
    },
  },
];
