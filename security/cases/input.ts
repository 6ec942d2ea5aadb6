/**
 * Input fuzzing (SECURITY.md, "The catalogue"): fast-check generates malformed bodies and headers and sends
 * each through the full chain with a valid token. Every answer must be 400/413/415 with the pinned JSON body
 * (docs/interfaces.md#errors-before-the-stream), never a 500, never a model call, and the function must keep
 * running.
 */
import fc from "fast-check";
import { readSetting } from "../../emulator/config/settings.js";
import { viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { type AttackCase, describe, modelCallsSince, modelMark, postChat } from "../case.js";
import { errorCodeOf, pool } from "../http.js";
import { fuzzRequest } from "./input-arbitraries.js";

const CODES: Record<number, string[]> = {
  400: ["INVALID_JSON", "INVALID_REQUEST"],
  413: ["PAYLOAD_TOO_LARGE"],
  415: ["UNSUPPORTED_MEDIA_TYPE"],
};

/** Fixed unless FUZZ_SEED is set, so a failure can be replayed. */
export const FUZZ_SEED = readSetting("FUZZ_SEED");

export const inputCases: AttackCase[] = [
  {
    id: "INP-01",
    category: "input",
    name: "property-based fuzzing of bodies and headers through the full chain",
    expected:
      "every answer 400/413/415 with the pinned JSON (code + message + requestId); no 500; model never called; function keeps answering",
    timeoutMs: 600_000,
    async run(target) {
      const n = target.sizes.fuzzCases;
      const samples = fc.sample(fuzzRequest, { numRuns: n, seed: FUZZ_SEED });
      const token = `Bearer ${await target.validToken()}`;
      const mark = await modelMark(target);
      const statsBefore = target.local?.functionStats?.();
      const statusCounts = new Map<number, number>();
      const failures: string[] = [];
      await pool(samples, target.sizes.fuzzConcurrency, async (sample, i) => {
        const headers: Record<string, string> = {
          ...sample.extraHeaders,
          ...viewerHeaders(sample.body, token),
        };
        if (sample.contentType === undefined) delete headers["content-type"];
        else headers["content-type"] = sample.contentType;
        const res = await target.send(`INP-01 #${i}`, {
          url: target.endpoint,
          headers,
          body: sample.body,
          timeoutMs: 20_000,
        });
        statusCounts.set(res.status, (statusCounts.get(res.status) ?? 0) + 1);
        const code = errorCodeOf(res.body);
        let parsedOk = false;
        try {
          const parsed = JSON.parse(res.body) as { error?: { message?: unknown; requestId?: unknown } };
          parsedOk = typeof parsed.error?.message === "string" && typeof parsed.error.requestId === "string";
        } catch {
          parsedOk = false;
        }
        const okStatus =
          sample.statuses.includes(res.status) || (res.status === 413 && sample.statuses.includes(400));
        if (!okStatus || !code || !(CODES[res.status] ?? []).includes(code) || !parsedOk) {
          if (failures.length < 5) failures.push(`#${i} ${sample.poison}: ${describe(res)}`);
          else failures.push("");
        }
      });
      const calls = await modelCallsSince(target, mark);
      const probe = await postChat(target, "INP-01.after", token, { body: "{}" });
      const alive = probe.status === 400;
      const statsAfter = target.local?.functionStats?.();
      // The pool counts containers that ended on their own (a crash, an exit, a timeout). Cold starts
      // alone say nothing: a container still finishing its last response (RIC polls for the next
      // event only then) makes the pool start another, as Lambda scales out.
      const coldStarts = statsBefore && statsAfter ? statsAfter.coldStarts - statsBefore.coldStarts : 0;
      const died = statsBefore && statsAfter ? statsAfter.died - statsBefore.died : 0;
      const crashed = died > 0;
      const spread = [...statusCounts.entries()]
        .sort(([a], [b]) => a - b)
        .map(([s, c]) => `${s}x${c}`)
        .join(" ");
      const problems = [
        ...(failures.length > 0
          ? [`${failures.length} bad answers (${failures.filter(Boolean).join("; ")})`]
          : []),
        ...(calls > 0 ? [`model called ${calls}x`] : []),
        ...(alive ? [] : [`function stopped answering (${describe(probe)})`]),
        ...(crashed ? [`${died} container(s) died (${coldStarts} cold starts)`] : []),
      ];
      return {
        pass: problems.length === 0,
        observed: `${n} cases (seed ${FUZZ_SEED}): ${spread}; ${problems.length === 0 ? `model never called, function alive (${coldStarts} cold starts)` : problems.join("; ")}`,
      };
    },
  },
];
