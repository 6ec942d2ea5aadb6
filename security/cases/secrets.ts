/**
 * Secrets (SECURITY.md, "The catalogue"): everything the suite saw (every response header and body, hence
 * every SSE frame, and every service log line) is searched for the Gemini API key and for every bearer token
 * the suite sent. Runs last, so it covers the whole run.
 */
import type { AttackCase } from "../case.js";

export const secretCases: AttackCase[] = [
  {
    id: "SEC-01",
    category: "secrets",
    name: "responses and SSE frames carry no API key and no token",
    expected: "zero hits",
    async run(target) {
      const { hits, texts, secrets } = target.secrets.scan();
      const dropped = target.secrets.dropped;
      return {
        pass: hits.length === 0 && texts > 0 && dropped === 0,
        observed: `${texts} texts x ${secrets} secrets: ${hits.length} hits${hits.length ? ` (first in ${hits[0]?.where}: ${hits[0]?.secret})` : ""}${dropped ? `; ${dropped} texts over the memory bound, not scanned` : ""}`,
      };
    },
  },
  {
    id: "SEC-02",
    category: "secrets",
    name: "service log lines carry no API key and no token",
    expected: "zero hits",
    needs: ["logs"],
    async run(target) {
      const logs = target.local?.logs?.() ?? [];
      const { hits, secrets } = target.secrets.scanTexts(
        logs.map((text, i) => ({ where: `log line ${i}`, text })),
      );
      return {
        pass: hits.length === 0 && logs.length > 0,
        observed: `${logs.length} log lines x ${secrets} secrets: ${hits.length} hits${hits[0] ? ` (first in ${hits[0].where}: ${hits[0].secret})` : ""}`,
      };
    },
  },
];
