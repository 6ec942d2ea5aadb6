import { randomBytes } from "node:crypto";
import type { SrpServerState } from "./srp.js";

/** Assumption: Cognito's SRP challenge lifetime is undocumented; 5 minutes here. */
const SRP_CHALLENGE_TTL_MS = 5 * 60 * 1000;
/** Bound on pending challenges, so an unanswered flood cannot grow memory without limit. */
const MAX_PENDING = 1000;

export interface PendingSrp {
  username: string;
  A: bigint;
  state: SrpServerState;
  createdAt: number;
}

/** Pending PASSWORD_VERIFIER challenges, keyed by the opaque SECRET_BLOCK handed to the client. */
export interface SrpChallenges {
  add(pending: PendingSrp): string;
  /** Takes (and forgets) the challenge: each SECRET_BLOCK answers once. */
  take(secretBlock: string, now: number): PendingSrp | undefined;
}

export function createSrpChallenges(): SrpChallenges {
  const pending = new Map<string, PendingSrp>();
  return {
    add(entry) {
      if (pending.size >= MAX_PENDING) {
        const oldest = pending.keys().next().value;
        if (oldest !== undefined) pending.delete(oldest);
      }
      const secretBlock = randomBytes(96).toString("base64");
      pending.set(secretBlock, entry);
      return secretBlock;
    },
    take(secretBlock, now) {
      const entry = pending.get(secretBlock);
      pending.delete(secretBlock);
      if (!entry || now - entry.createdAt > SRP_CHALLENGE_TTL_MS) return undefined;
      return entry;
    },
  };
}
