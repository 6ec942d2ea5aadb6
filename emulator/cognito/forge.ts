import { createHmac, createPublicKey, generateKeyPairSync, type KeyObject, randomUUID } from "node:crypto";
import type { DemoUser } from "../config/types.js";
import { base64url, decodeJwt, encodeSegment, type JsonObject, signRs256 } from "./jwt.js";
import type { KeyStore } from "./key-store.js";
import { USER_ADMIN_SCOPE } from "./tokens.js";

export interface ForgerOptions {
  /** The pool's key store: forged tokens reuse its kids (and, where the attack needs it, its keys). */
  keys: KeyStore;
  /** The pool's real issuer, `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
  issuer: string;
  clientId: string;
  /** Whose identity the tokens claim. */
  user: DemoUser;
  /** Milliseconds since the epoch. */
  clock?: () => number;
}

export type WrongIssuerKind = "other-pool" | "other-region" | "http";
export type HeaderPointerKind = "jku" | "x5u" | "jwk";

/**
 * Forged and malformed Cognito ID tokens for negative tests and the security suite. Each function
 * returns a compact JWT that a correct verifier (aws-jwt-verify as the handler configures it) must refuse,
 * except `valid` (the control) and the cases documented as "the verifier alone accepts this".
 *
 * @example
 *   const forge = createForger({ keys: cognito.keys, issuer: cognito.issuer, clientId, user: alice });
 *   await expect(verifier.verify(forge.expired())).rejects.toThrow(JwtExpiredError);
 */
export interface Forger {
  /** A genuine ID token signed with the current ID key: the control. */
  valid(claims?: JsonObject): string;
  /** Expired ten minutes ago (exp in the past). */
  expired(): string;
  /** `nbf` ten minutes in the future. */
  notYetValid(): string;
  /** `iat` and `auth_time` ten minutes in the future, otherwise valid (aws-jwt-verify does not check iat). */
  issuedInFuture(): string;
  /** `iss` of another pool, another region, or the real issuer over http. */
  wrongIssuer(kind: WrongIssuerKind): string;
  /** `aud` naming another app client. */
  wrongAudience(): string;
  /** `aud` as an array that contains the right client id (Cognito always sends a string). */
  audAsArray(): string;
  /** A genuine access token, signed with the access key: presented where an ID token is expected. */
  accessTokenAsId(): string;
  /** A valid ID token without the named claim (e.g. `token_use`, `aud`, `iss`, `exp`). */
  missingClaim(name: string): string;
  /** `alg: "none"`, with an empty signature or with the original RS256 signature kept. */
  algNone(options?: { withSignature?: boolean }): string;
  /** HS256, HMAC keyed with the published public key's PEM (RS/HS algorithm confusion). */
  hs256WithPublicKey(): string;
  /** Signed by the real key but naming a kid that is not in the JWKS. */
  unknownKid(): string;
  /** Signed by a foreign RSA key, naming the real ID key's kid. */
  foreignKeyRealKid(): string;
  /** A valid token whose payload was changed (groups, sub) after signing; original signature kept. */
  tamperedPayload(): string;
  /** A valid token with one bit of its signature flipped. */
  flippedSignature(): string;
  /** A kid with path traversal / injection characters (signed by the real key). */
  kidInjection(kid?: string): string;
  /** Signed by a foreign key whose location (jku/x5u URL) or value (jwk) the header supplies; real kid. */
  headerPointer(kind: HeaderPointerKind, url?: string): string;
  /** A validly signed ID token padded to about `bytes` (default 100 KB). */
  oversized(bytes?: number): string;
  /** Low-level: sign any header/payload with the pool's current ID or access key, or a foreign key. */
  sign(header: JsonObject, payload: JsonObject, key?: "id" | "access" | "foreign"): string;
  /** The foreign RSA key used by the foreign-key cases (never in the JWKS). */
  readonly foreignKey: KeyObject;
}

/** What every forgery is built from: the pool's keys and claims, and the one foreign key. */
interface Forge {
  options: ForgerOptions;
  foreignKey: KeyObject;
  nowS(): number;
  idClaims(overrides?: JsonObject): JsonObject;
  idHeader(extra?: JsonObject): JsonObject;
  sign(header: JsonObject, payload: JsonObject, key?: "id" | "access" | "foreign"): string;
  valid(claims?: JsonObject): string;
}

export function createForger(options: ForgerOptions): Forger {
  const forge = forgeFrom(options);
  const { sign, valid, nowS, idHeader, idClaims } = forge;
  return {
    foreignKey: forge.foreignKey,
    sign,
    valid,
    expired: () => valid({ iat: nowS() - 4200, auth_time: nowS() - 4200, exp: nowS() - 600 }),
    notYetValid: () => valid({ nbf: nowS() + 600 }),
    issuedInFuture: () => valid({ iat: nowS() + 600, auth_time: nowS() + 600, exp: nowS() + 4200 }),
    wrongIssuer: (kind) => wrongIssuer(forge, kind),
    wrongAudience: () => valid({ aud: "3attackerclient0000000000x" }),
    audAsArray: () => valid({ aud: [options.clientId, "3attackerclient0000000000x"] }),
    accessTokenAsId: () => accessTokenAsId(forge),
    missingClaim: (name) => valid({ [name]: null }),
    algNone: (opts = {}) => algNone(forge, opts.withSignature === true),
    hs256WithPublicKey: () => hs256WithPublicKey(forge),
    unknownKid: () => sign(idHeader({ kid: "bm90LWEta2lkLWluLXRoaXMtandrcy0wMDAwMDAwMDA=" }), idClaims()),
    foreignKeyRealKid: () => sign(idHeader(), idClaims(), "foreign"),
    tamperedPayload: () => tamperedPayload(forge),
    flippedSignature: () => flippedSignature(forge),
    kidInjection: (kid = "../../../../etc/passwd' OR '1'='1\u0000<script>") =>
      sign(idHeader({ kid }), idClaims()),
    headerPointer: (kind, url = "https://attacker.example/.well-known/jwks.json") =>
      headerPointer(forge, kind, url),
    oversized: (bytes = 100 * 1024) => oversized(forge, bytes),
  };
}

function forgeFrom(options: ForgerOptions): Forge {
  const { keys, issuer, clientId, user } = options;
  const clock = options.clock ?? Date.now;
  const nowS = () => Math.floor(clock() / 1000);
  const foreignKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const idClaims = (overrides: JsonObject = {}): JsonObject => {
    const now = nowS();
    const claims: JsonObject = {
      sub: user.sub,
      ...(user.groups.length > 0 ? { "cognito:groups": [...user.groups] } : {}),
      email_verified: true,
      iss: issuer,
      "cognito:username": user.username,
      origin_jti: randomUUID(),
      aud: clientId,
      event_id: randomUUID(),
      token_use: "id",
      auth_time: now,
      exp: now + 3600,
      iat: now,
      jti: randomUUID(),
      email: user.email,
    };
    for (const [k, v] of Object.entries(overrides)) {
      if (v === null) delete claims[k];
      else claims[k] = v;
    }
    return claims;
  };
  const sign = (header: JsonObject, payload: JsonObject, key: "id" | "access" | "foreign" = "id") =>
    signRs256(header, payload, key === "foreign" ? foreignKey : keys.current(key).privateKey);
  const idHeader = (extra: JsonObject = {}) => ({ kid: keys.current("id").kid, alg: "RS256", ...extra });
  const valid = (claims: JsonObject = {}) => sign(idHeader(), idClaims(claims));
  return { options, foreignKey, nowS, idClaims, idHeader, sign, valid };
}

const segments = (token: string) => token.split(".") as [string, string, string];

function wrongIssuer({ options, valid }: Forge, kind: WrongIssuerKind): string {
  const { issuer } = options;
  const poolId = issuer.slice(issuer.lastIndexOf("/") + 1);
  const [region, suffix] = poolId.split("_") as [string, string];
  const iss = {
    "other-pool": `https://cognito-idp.${region}.amazonaws.com/${region}_Attacker01`,
    "other-region": `https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_${suffix}`,
    http: issuer.replace(/^https:/, "http:"),
  }[kind];
  return valid({ iss });
}

function accessTokenAsId({ options, nowS, sign }: Forge): string {
  const { keys, issuer, clientId, user } = options;
  const now = nowS();
  const payload: JsonObject = {
    sub: user.sub,
    iss: issuer,
    client_id: clientId,
    origin_jti: randomUUID(),
    event_id: randomUUID(),
    token_use: "access",
    scope: USER_ADMIN_SCOPE,
    auth_time: now,
    exp: now + 3600,
    iat: now,
    jti: randomUUID(),
    username: user.username,
  };
  return sign({ kid: keys.current("access").kid, alg: "RS256" }, payload, "access");
}

function algNone({ valid }: Forge, withSignature: boolean): string {
  const [h, p, s] = segments(valid());
  const header = encodeSegment({ ...JSON.parse(Buffer.from(h, "base64url").toString()), alg: "none" });
  return `${header}.${p}.${withSignature ? s : ""}`;
}

function hs256WithPublicKey({ options, idClaims }: Forge): string {
  const kid = options.keys.current("id").kid;
  const input = `${encodeSegment({ kid, alg: "HS256" })}.${encodeSegment(idClaims())}`;
  const mac = createHmac("sha256", options.keys.publicKeyPem(kid)).update(input).digest();
  return `${input}.${base64url(mac)}`;
}

function tamperedPayload({ valid }: Forge): string {
  const token = valid();
  const decoded = decodeJwt(token);
  if (!decoded) throw new Error("unreachable: valid() produced an undecodable token");
  const [h, , s] = segments(token);
  const payload = { ...decoded.payload, "cognito:groups": ["admins"], sub: randomUUID() };
  return `${h}.${encodeSegment(payload)}.${s}`;
}

function flippedSignature({ valid }: Forge): string {
  const [h, p, s] = segments(valid());
  const sig = Buffer.from(s, "base64url");
  sig[sig.length - 1] = (sig[sig.length - 1] ?? 0) ^ 0x01;
  return `${h}.${p}.${base64url(sig)}`;
}

function headerPointer(
  { foreignKey, sign, idHeader, idClaims }: Forge,
  kind: HeaderPointerKind,
  url: string,
): string {
  const foreignJwk = { ...createPublicKey(foreignKey).export({ format: "jwk" }), alg: "RS256", use: "sig" };
  const extra: JsonObject = kind === "jwk" ? { jwk: foreignJwk } : { [kind]: url };
  return sign(idHeader(extra), idClaims(), "foreign");
}

function oversized({ valid }: Forge, bytes: number): string {
  // Each padding character adds 4/3 base64url characters to the payload segment.
  const base = valid({ padding: "" }).length;
  return valid({ padding: "A".repeat(Math.max(0, Math.ceil(((bytes - base) * 3) / 4) + 3)) });
}
