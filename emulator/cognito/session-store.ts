import { randomBytes } from "node:crypto";
import { base64url } from "jose";

/** Cognito's default refresh token validity: 30 days (Cognito developer guide, refresh token). */
const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

export interface Session {
  refreshToken: string;
  username: string;
  originJti: string;
  authTime: number;
  expiresAt: number;
}

export type RefreshLookup =
  | { ok: true; session: Session }
  | { ok: false; reason: "unknown" | "revoked" | "expired" };

/**
 * Sign-in sessions: refresh tokens and the `origin_jti`s GlobalSignOut revokes. In memory only:
 * Assumption: a restart of the emulator signs everyone out of refresh (keys survive, sessions not).
 */
export interface SessionStore {
  create(username: string, originJti: string, authTime: number): Session;
  /** Records a token family minted outside a sign-in (dev endpoint) so GlobalSignOut covers it. */
  track(username: string, originJti: string): void;
  lookupRefresh(token: string, nowSeconds: number): RefreshLookup;
  isRevoked(originJti: string): boolean;
  /** Revokes every refresh token and token family of the user (Cognito API reference, GlobalSignOut). */
  globalSignOut(username: string): void;
  /**
   * Revokes one refresh token and the tokens issued from it (Cognito API reference, RevokeToken);
   * false when the token is unknown.
   */
  revokeRefresh(token: string): boolean;
}

export function createSessionStore(): SessionStore {
  const byRefresh = new Map<string, Session>();
  const originsByUser = new Map<string, Set<string>>();
  const revoked = new Set<string>();
  const revokedRefresh = new Set<string>();

  const track = (username: string, originJti: string) => {
    const set = originsByUser.get(username) ?? new Set<string>();
    set.add(originJti);
    originsByUser.set(username, set);
  };

  return {
    create(username, originJti, authTime) {
      const session = {
        refreshToken: opaqueRefreshToken(),
        username,
        originJti,
        authTime,
        expiresAt: authTime + REFRESH_TOKEN_TTL_SECONDS,
      };
      byRefresh.set(session.refreshToken, session);
      track(username, originJti);
      return session;
    },
    track,
    lookupRefresh(token, nowSeconds) {
      if (revokedRefresh.has(token)) return { ok: false, reason: "revoked" };
      const session = byRefresh.get(token);
      if (!session) return { ok: false, reason: "unknown" };
      if (session.expiresAt <= nowSeconds) return { ok: false, reason: "expired" };
      return { ok: true, session };
    },
    isRevoked: (originJti) => revoked.has(originJti),
    revokeRefresh(token) {
      const session = byRefresh.get(token);
      if (!session) return false;
      byRefresh.delete(token);
      revokedRefresh.add(token);
      revoked.add(session.originJti);
      return true;
    },
    globalSignOut(username) {
      for (const jti of originsByUser.get(username) ?? []) revoked.add(jti);
      for (const [token, session] of byRefresh) {
        if (session.username !== username) continue;
        byRefresh.delete(token);
        revokedRefresh.add(token);
      }
    },
  };
}

/**
 * Real refresh tokens are encrypted JWTs (JWE, five segments) that clients treat as opaque.
 * Assumption: the exact header is not documented; this one has the same shape and is random inside.
 */
function opaqueRefreshToken(): string {
  const header = base64url.encode(JSON.stringify({ cty: "JWT", enc: "A256GCM", alg: "RSA-OAEP" }));
  const seg = (n: number) => base64url.encode(randomBytes(n));
  return [header, seg(256), seg(12), seg(384), seg(16)].join(".");
}
