import { randomUUID } from "node:crypto";
import {
  base64url,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTHeaderParameters,
  UnsecuredJWT,
} from "jose";
import type { DemoUser } from "../config/types.js";
import { type JsonObject, signJwt } from "./jwt.js";
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
 * jose makes every token it can (signed ones, the unsecured one, HS256 keyed with the public key, kid and
 * header tricks); the few it refuses to produce are hand-written below, each saying why.
 *
 * @example
 *   const forge = createForger({ keys: cognito.keys, issuer: cognito.issuer, clientId, user: alice });
 *   await expect(verifier.verify(await forge.expired())).rejects.toThrow(JwtExpiredError);
 */
export interface Forger {
  /** A genuine ID token signed with the current ID key: the control. */
  valid(claims?: JsonObject): Promise<string>;
  /** Expired ten minutes ago (exp in the past). */
  expired(): Promise<string>;
  /** `nbf` ten minutes in the future. */
  notYetValid(): Promise<string>;
  /** `iat` and `auth_time` ten minutes in the future, otherwise valid (aws-jwt-verify does not check iat). */
  issuedInFuture(): Promise<string>;
  /** `iss` of another pool, another region, or the real issuer over http. */
  wrongIssuer(kind: WrongIssuerKind): Promise<string>;
  /** `aud` naming another app client. */
  wrongAudience(): Promise<string>;
  /** `aud` as an array that contains the right client id (Cognito always sends a string). */
  audAsArray(): Promise<string>;
  /** A genuine access token, signed with the access key: presented where an ID token is expected. */
  accessTokenAsId(): Promise<string>;
  /** A valid ID token without the named claim (e.g. `token_use`, `aud`, `iss`, `exp`). */
  missingClaim(name: string): Promise<string>;
  /**
   * `alg: "none"`: jose's unsecured JWT (`{"alg":"none"}`, empty signature), or with the real kid kept
   * and the original RS256 signature left in place.
   */
  algNone(options?: { withSignature?: boolean }): Promise<string>;
  /** HS256, HMAC keyed with the published public key's PEM (RS/HS algorithm confusion). */
  hs256WithPublicKey(): Promise<string>;
  /** Signed by the real key but naming a kid that is not in the JWKS. */
  unknownKid(): Promise<string>;
  /** Signed by a foreign RSA key, naming the real ID key's kid. */
  foreignKeyRealKid(): Promise<string>;
  /** A valid token whose payload was changed (groups, sub) after signing; original signature kept. */
  tamperedPayload(): Promise<string>;
  /** A valid token with one bit of its signature flipped. */
  flippedSignature(): Promise<string>;
  /** A kid with path traversal / injection characters (signed by the real key). */
  kidInjection(kid?: string): Promise<string>;
  /** Signed by a foreign key whose location (jku/x5u URL) or value (jwk) the header supplies; real kid. */
  headerPointer(kind: HeaderPointerKind, url?: string): Promise<string>;
  /** A validly signed ID token padded to about `bytes` (default 100 KB). */
  oversized(bytes?: number): Promise<string>;
  /**
   * Low-level: sign any header/payload with the pool's current ID or access key, or the foreign key.
   * The header's `alg` must be RS256 (jose signs with the algorithm the header names).
   */
  sign(header: JWTHeaderParameters, payload: JsonObject, key?: KeyChoice): Promise<string>;
  /** The public half of the foreign RSA key the foreign-key cases sign with (never in the JWKS). */
  foreignPublicJwk(): Promise<JWK>;
}

/** Which key signs: the pool's current ID or access key, or the foreign key (never in the JWKS). */
type KeyChoice = "id" | "access" | "foreign";

/** What every forgery is built from: the pool's keys and claims, and the one foreign key. */
interface Forge {
  options: ForgerOptions;
  foreignKey(): Promise<CryptoKeyPair>;
  nowS(): number;
  idClaims(overrides?: JsonObject): JsonObject;
  /** `{ kid: <current ID kid>, alg: "RS256", ...extra }`, once the pool's keys are ready. */
  idHeader(extra?: JsonObject): Promise<JWTHeaderParameters>;
  sign(header: JWTHeaderParameters, payload: JsonObject, key?: KeyChoice): Promise<string>;
  valid(claims?: JsonObject): Promise<string>;
}

export function createForger(options: ForgerOptions): Forger {
  const forge = forgeFrom(options);
  const { sign, valid, nowS, idHeader, idClaims } = forge;
  return {
    sign,
    valid,
    foreignPublicJwk: async () => exportJWK((await forge.foreignKey()).publicKey),
    expired: () => valid({ iat: nowS() - 4200, auth_time: nowS() - 4200, exp: nowS() - 600 }),
    notYetValid: () => valid({ nbf: nowS() + 600 }),
    issuedInFuture: () => valid({ iat: nowS() + 600, auth_time: nowS() + 600, exp: nowS() + 4200 }),
    wrongIssuer: (kind) => wrongIssuer(forge, kind),
    wrongAudience: () => valid({ aud: "3attackerclient0000000000x" }),
    audAsArray: () => valid({ aud: [options.clientId, "3attackerclient0000000000x"] }),
    accessTokenAsId: () => accessTokenAsId(forge),
    missingClaim: (name) => valid({ [name]: null }),
    algNone: (opts = {}) => (opts.withSignature === true ? algNoneSigned(forge) : algNone(forge)),
    hs256WithPublicKey: () => hs256WithPublicKey(forge),
    unknownKid: async () =>
      sign(await idHeader({ kid: "bm90LWEta2lkLWluLXRoaXMtandrcy0wMDAwMDAwMDA=" }), idClaims()),
    foreignKeyRealKid: async () => sign(await idHeader(), idClaims(), "foreign"),
    tamperedPayload: () => tamperedPayload(forge),
    flippedSignature: () => flippedSignature(forge),
    kidInjection: async (kid = "../../../../etc/passwd' OR '1'='1\u0000<script>") =>
      sign(await idHeader({ kid }), idClaims()),
    headerPointer: (kind, url = "https://attacker.example/.well-known/jwks.json") =>
      headerPointer(forge, kind, url),
    oversized: (bytes = 100 * 1024) => oversized(forge, bytes),
  };
}

function forgeFrom(options: ForgerOptions): Forge {
  const { keys, issuer, clientId, user } = options;
  const clock = options.clock ?? Date.now;
  const nowS = () => Math.floor(clock() / 1000);
  // Generated on first use only: most forgeries never need it.
  let foreign: Promise<CryptoKeyPair> | undefined;
  const foreignKey = () => {
    foreign ??= generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
    return foreign;
  };
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
  const sign = async (header: JWTHeaderParameters, payload: JsonObject, key: KeyChoice = "id") => {
    await keys.ready;
    const secret =
      key === "foreign" ? (await foreignKey()).privateKey : await keys.privateKey(keys.current(key));
    return signJwt(header, payload, secret);
  };
  const idHeader = async (extra: JsonObject = {}): Promise<JWTHeaderParameters> => {
    await keys.ready;
    return { kid: keys.current("id").kid, alg: "RS256", ...extra };
  };
  // Claims first, then the awaits: the token carries the time it was asked for.
  const valid = async (claims: JsonObject = {}) => {
    const payload = idClaims(claims);
    return sign(await idHeader(), payload);
  };
  return { options, foreignKey, nowS, idClaims, idHeader, sign, valid };
}

const segments = (token: string) => token.split(".") as [string, string, string];
const segment = (value: JsonObject) => base64url.encode(JSON.stringify(value));

function wrongIssuer({ options, valid }: Forge, kind: WrongIssuerKind): Promise<string> {
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

async function accessTokenAsId({ options, nowS, sign }: Forge): Promise<string> {
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
  await keys.ready;
  return sign({ kid: keys.current("access").kid, alg: "RS256" }, payload, "access");
}

/** jose's UnsecuredJWT: the unsecured JWT of RFC 7519 section 6.1. */
function algNone({ idClaims }: Forge): Promise<string> {
  return Promise.resolve(new UnsecuredJWT(idClaims()).encode());
}

/**
 * Hand-written, because jose cannot make it: UnsecuredJWT always writes exactly `{"alg":"none"}` and an
 * empty signature, and jose's signers refuse `alg: none`. This keeps the real kid (so a verifier finds
 * the key and must then refuse the algorithm) and the RS256 signature of the genuine token.
 */
async function algNoneSigned({ valid }: Forge): Promise<string> {
  const token = await valid();
  const [, p, s] = segments(token);
  return `${segment({ ...decodeProtectedHeader(token), alg: "none" })}.${p}.${s}`;
}

async function hs256WithPublicKey({ options, idClaims }: Forge): Promise<string> {
  const payload = idClaims();
  await options.keys.ready;
  const kid = options.keys.current("id").kid;
  const pem = await options.keys.publicKeyPem(kid);
  return signJwt({ kid, alg: "HS256" }, payload, new TextEncoder().encode(pem));
}

/** Hand-written, because jose cannot make it: a signature over other bytes than the token carries. */
async function tamperedPayload({ valid }: Forge): Promise<string> {
  const token = await valid();
  const [h, , s] = segments(token);
  const payload = { ...decodeJwt(token), "cognito:groups": ["admins"], sub: randomUUID() };
  return `${h}.${segment(payload)}.${s}`;
}

/** Hand-written, because jose cannot make it: jose only writes signatures that verify. */
async function flippedSignature({ valid }: Forge): Promise<string> {
  const [h, p, s] = segments(await valid());
  const sig = base64url.decode(s);
  sig[sig.length - 1] = (sig[sig.length - 1] ?? 0) ^ 0x01;
  return `${h}.${p}.${base64url.encode(sig)}`;
}

async function headerPointer(
  { foreignKey, sign, idHeader, idClaims }: Forge,
  kind: HeaderPointerKind,
  url: string,
): Promise<string> {
  const payload = idClaims();
  const foreignJwk = { ...(await exportJWK((await foreignKey()).publicKey)), alg: "RS256", use: "sig" };
  const extra: JsonObject = kind === "jwk" ? { jwk: foreignJwk } : { [kind]: url };
  return sign(await idHeader(extra), payload, "foreign");
}

async function oversized({ valid }: Forge, bytes: number): Promise<string> {
  // Each padding character adds 4/3 base64url characters to the payload segment.
  const base = (await valid({ padding: "" })).length;
  return valid({ padding: "A".repeat(Math.max(0, Math.ceil(((bytes - base) * 3) / 4) + 3)) });
}
