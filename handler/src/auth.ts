/**
 * Verifies the Cognito ID token the CloudFront Function forwarded (docs/interfaces.md#the-token-header:
 * OAC overwrites `Authorization`, so the JWT travels in `x-forwarded-authorization`).
 *
 * aws-jwt-verify's CognitoJwtVerifier checks signature (RS256 only, no `alg: none`), `iss`, `exp`,
 * `token_use` and `aud` (docs/platform-facts.md#aws-jwt-verify). Its JWKS cache lives at
 * module scope in the caller, so keys survive across invocations and an unknown `kid` triggers a
 * refetch under the library's own rate limit (penalty box).
 */
import { CognitoJwtVerifier } from "aws-jwt-verify";
import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidGroupError,
  CognitoJwtInvalidTokenUseError,
  FetchError,
  JwksValidationError,
  JwtExpiredError,
  JwtInvalidAudienceError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  NonRetryableFetchError,
  ParameterValidationError,
  WaitPeriodNotYetEndedJwkError,
} from "aws-jwt-verify/error";
import type { Fetcher } from "aws-jwt-verify/https";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { bearerToken, MAX_AUTH_HEADER_LENGTH } from "./bearer-token.js";
import type { HandlerConfig } from "./config.js";
import {
  AuthUnavailableError,
  ForbiddenError,
  type HandlerError,
  HandlerError as HandlerErrorBase,
  TokenExpiredError,
  TokenInvalidError,
  TokenMalformedError,
} from "./errors.js";
import type { Logger } from "./log.js";

export interface Identity {
  sub: string;
  username?: string;
  groups: string[];
}

/** Checks the request headers (lower-case names) and returns who is asking, or throws a HandlerError. */
export type Authenticator = (headers: Record<string, string | undefined>) => Promise<Identity>;

const JWKS_FETCH_TIMEOUT_MS = 3000;

/** Clock skew allowed on `iat`; Cognito stamps tokens from AWS's own clock. */
const IAT_SKEW_SECONDS = 300;

/**
 * Claims aws-jwt-verify does not insist on (it accepts a token without `exp` or `sub` and does not look
 * at `iat`), but which every Cognito ID token carries (docs/platform-facts.md#cognito-tokens: sub, iat, exp):
 * a token without them was not minted by Cognito.
 */
class UnacceptableClaimError extends Error {
  override name = "UnacceptableClaimError";
}

function checkCognitoClaims({ payload }: { payload: { exp?: unknown; iat?: unknown; sub?: unknown } }): void {
  // The request log and the identity are keyed by `sub`; a token without one names nobody.
  if (typeof payload.sub !== "string" || payload.sub === "") throw new UnacceptableClaimError("no subject");
  if (typeof payload.exp !== "number") throw new UnacceptableClaimError("no expiry");
  if (typeof payload.iat !== "number") throw new UnacceptableClaimError("no issue time");
  if (payload.iat > Date.now() / 1000 + IAT_SKEW_SECONDS)
    throw new UnacceptableClaimError("issued in the future");
}

/**
 * Fetches the JWKS from a fixed local URL whatever URI the verifier derived from the pool id.
 * The default fetcher is HTTPS-only; a custom fetcher must resolve to an ArrayBuffer
 * (docs/platform-facts.md#aws-jwt-verify).
 */
export class LocalJwksFetcher implements Fetcher {
  constructor(readonly jwksUri: string) {}

  async fetch(): Promise<ArrayBuffer> {
    let response: Response;
    try {
      response = await fetch(this.jwksUri, { signal: AbortSignal.timeout(JWKS_FETCH_TIMEOUT_MS) });
    } catch (error) {
      throw new FetchError(this.jwksUri, error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) throw new NonRetryableFetchError(this.jwksUri, `Status code is ${response.status}`);
    return response.arrayBuffer();
  }
}

/**
 * Builds the authenticator once per cold start.
 * @example const authenticate = createAuthenticator(loadConfig()); const { sub } = await authenticate(event.headers);
 */
export function createAuthenticator(config: HandlerConfig, logger?: Logger): Authenticator {
  const verifier = CognitoJwtVerifier.create(
    {
      userPoolId: config.userPoolId,
      tokenUse: "id",
      clientId: config.clientId,
      // Turning the group rule off is explicit: null.
      groups: config.allowedGroups ?? null,
      customJwtCheck: checkCognitoClaims,
    },
    config.jwksUri
      ? { jwksCache: new SimpleJwksCache({ fetcher: new LocalJwksFetcher(config.jwksUri) }) }
      : undefined,
  );
  const headerName = config.authTokenHeader;

  // Debug only, and never the token: which check refused it, and the library's error class.
  const refused = (check: string, failure: HandlerError, cause?: unknown) =>
    logger?.debug("token refused", {
      check,
      code: failure.code,
      header: headerName,
      ...(cause instanceof Error ? { errorClass: cause.name } : {}),
    });

  return async (headers) => {
    let token: string;
    try {
      token = bearerToken(headers[headerName], headerName);
    } catch (error) {
      if (error instanceof HandlerErrorBase) refused(headerCheck(headers[headerName], error), error);
      throw error;
    }
    let payload: Awaited<ReturnType<typeof verifier.verify>>;
    try {
      payload = await verifier.verify(token);
    } catch (error) {
      const failure = mapVerifyError(error);
      refused(verifyCheck(error), failure, error);
      throw failure;
    }
    const groups = payload["cognito:groups"];
    const username = payload["cognito:username"];
    return {
      sub: payload.sub,
      username: typeof username === "string" ? username : undefined,
      groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === "string") : [],
    };
  };
}

/** Library error classes -> pinned codes. The library's own messages are not echoed (they quote claims). */
function mapVerifyError(error: unknown): HandlerError {
  if (error instanceof JwtParseError || error instanceof JwtWithoutValidKidError) {
    return new TokenMalformedError("The ID token is not a well-formed JWT.");
  }
  if (error instanceof JwtExpiredError) return new TokenExpiredError("The ID token has expired.");
  if (error instanceof CognitoJwtInvalidGroupError) {
    return new ForbiddenError("Your account is not in a group allowed to use the tutor.");
  }
  if (error instanceof FetchError || error instanceof JwksValidationError) {
    return new AuthUnavailableError("Token keys are unavailable; try again shortly.");
  }
  return new TokenInvalidError(`The ID token is not valid (${invalidReason(error)}).`);
}

function invalidReason(error: unknown): string {
  if (error instanceof JwtInvalidSignatureError || error instanceof JwtInvalidSignatureAlgorithmError) {
    return "signature";
  }
  if (error instanceof KidNotFoundInJwksError || error instanceof WaitPeriodNotYetEndedJwkError) {
    return "unknown signing key";
  }
  // A foreign `iss` surfaces as "issuer not configured" (a ParameterValidationError) because the
  // verifier picks its issuer config by the token's claim.
  if (
    error instanceof JwtInvalidIssuerError ||
    (error instanceof ParameterValidationError && /issuer/i.test(error.message))
  ) {
    return "issuer";
  }
  if (error instanceof JwtInvalidAudienceError || error instanceof CognitoJwtInvalidClientIdError) {
    return "audience";
  }
  if (error instanceof CognitoJwtInvalidTokenUseError) return "token use";
  if (error instanceof UnacceptableClaimError) return error.message;
  if (error instanceof JwtNotBeforeError) return "not yet valid";
  return "rejected";
}

/** The bearer-header check that failed, for the debug log. */
function headerCheck(value: string | undefined, error: HandlerError): string {
  if (error.code === "TOKEN_MISSING") return "header missing or empty";
  if ((value?.length ?? 0) > MAX_AUTH_HEADER_LENGTH) return "header too long";
  return 'not "Bearer <token>"';
}

/** The verifier check that failed, for the debug log: finer than the viewer's message. */
function verifyCheck(error: unknown): string {
  if (error instanceof JwtParseError) return "not a well-formed JWT";
  if (error instanceof JwtWithoutValidKidError) return "no kid in the JWT header";
  if (error instanceof JwtExpiredError) return "expired (exp)";
  if (error instanceof JwtNotBeforeError) return "not yet valid (nbf)";
  if (error instanceof CognitoJwtInvalidGroupError) return "group rule (cognito:groups)";
  if (error instanceof CognitoJwtInvalidTokenUseError) return "token_use";
  if (error instanceof JwtInvalidAudienceError || error instanceof CognitoJwtInvalidClientIdError) {
    return "audience (aud)";
  }
  if (error instanceof KidNotFoundInJwksError) return "unknown kid";
  if (error instanceof WaitPeriodNotYetEndedJwkError) return "unknown kid (JWKS refetch rate-limited)";
  if (error instanceof JwtInvalidSignatureAlgorithmError) return "signature algorithm";
  if (error instanceof JwtInvalidSignatureError) return "signature";
  if (error instanceof FetchError || error instanceof JwksValidationError) return "JWKS unavailable";
  if (invalidReason(error) === "issuer") return "issuer (iss)";
  if (error instanceof UnacceptableClaimError) return `claims: ${error.message}`;
  return "rejected";
}
