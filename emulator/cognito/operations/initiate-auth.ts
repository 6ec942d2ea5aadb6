import { CognitoError, invalidParameter, NotEmulatedError, notAuthorized } from "../errors.js";
import { N, startServer } from "../srp.js";
import { signedIn } from "./auth-result.js";
import { findUser, type IdpContext, poolName, requireString, unknownUserError } from "./context.js";

/** Valid AuthFlow values of InitiateAuth (Cognito API reference, InitiateAuth: AuthFlow). */
const KNOWN_FLOWS = [
  "USER_SRP_AUTH",
  "REFRESH_TOKEN_AUTH",
  "REFRESH_TOKEN",
  "CUSTOM_AUTH",
  "USER_PASSWORD_AUTH",
  "USER_AUTH",
];

/**
 * InitiateAuth with USER_PASSWORD_AUTH, USER_SRP_AUTH and REFRESH_TOKEN_AUTH / REFRESH_TOKEN (Cognito API
 * reference, InitiateAuth). Other flows answer "not emulated" naming the flow.
 */
export function initiateAuth(ctx: IdpContext, input: Record<string, unknown>) {
  const authFlow = requireString(input, "AuthFlow");
  const clientId = requireString(input, "ClientId");
  if (!KNOWN_FLOWS.includes(authFlow)) {
    throw invalidParameter(
      `1 validation error detected: Value '${authFlow}' at 'authFlow' failed to satisfy constraint: ` +
        `Member must satisfy enum value set: [${KNOWN_FLOWS.join(", ")}]`,
    );
  }
  if (clientId !== ctx.config.clientId) {
    throw new CognitoError("ResourceNotFoundException", `User pool client ${clientId} does not exist.`);
  }
  const params = authParameters(input);
  switch (authFlow) {
    case "USER_PASSWORD_AUTH":
      return passwordAuth(ctx, params);
    case "REFRESH_TOKEN_AUTH":
    case "REFRESH_TOKEN":
      return refreshAuth(ctx, params);
    case "USER_SRP_AUTH":
      return srpAuth(ctx, params);
    default:
      throw new NotEmulatedError(`InitiateAuth with AuthFlow ${authFlow}`);
  }
}

function authParameters(input: Record<string, unknown>): Record<string, string> {
  const raw = input.AuthParameters;
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) throw invalidParameter("AuthParameters must be a map.");
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string") out[k] = v;
  return out;
}

function requireParam(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (!value) throw invalidParameter(`Missing required parameter ${name}`);
  return value;
}

function passwordAuth(ctx: IdpContext, params: Record<string, string>) {
  const username = requireParam(params, "USERNAME");
  const password = requireParam(params, "PASSWORD");
  const user = findUser(ctx.config, username);
  if (!user) throw unknownUserError(ctx.config);
  if (user.password !== password) throw notAuthorized("Incorrect username or password.");
  return signedIn(ctx, user);
}

/**
 * USER_SRP_AUTH, step 1: answers the PASSWORD_VERIFIER challenge with SALT, SRP_B, SECRET_BLOCK and
 * USER_ID_FOR_SRP (Cognito API reference, InitiateAuth; parameter names as Amplify v6 reads them).
 * Step 2 is RespondToAuthChallenge.
 */
function srpAuth(ctx: IdpContext, params: Record<string, string>) {
  const username = requireParam(params, "USERNAME");
  const srpA = requireParam(params, "SRP_A");
  if (!/^[0-9a-fA-F]+$/.test(srpA)) throw invalidParameter("SRP_A must be a hexadecimal number"); // Assumption: the SRP_A message wording.
  const A = BigInt(`0x${srpA}`);
  if (A % N === 0n) throw invalidParameter("SRP_A mod N cannot be 0"); // Assumption: the SRP_A message wording.
  const user = findUser(ctx.config, username);
  if (!user) throw unknownUserError(ctx.config);
  const state = startServer(poolName(ctx), user.username, user.password);
  const secretBlock = ctx.srp.add({ username: user.username, A, state, createdAt: ctx.clock() });
  return {
    ChallengeName: "PASSWORD_VERIFIER",
    ChallengeParameters: {
      SALT: state.saltHex,
      SECRET_BLOCK: secretBlock,
      SRP_B: state.B.toString(16),
      USERNAME: user.username,
      USER_ID_FOR_SRP: user.username,
    },
  };
}

async function refreshAuth(ctx: IdpContext, params: Record<string, string>) {
  const token = requireParam(params, "REFRESH_TOKEN");
  const found = ctx.sessions.lookupRefresh(token, Math.floor(ctx.clock() / 1000));
  if (!found.ok) {
    const message = {
      unknown: "Invalid Refresh Token",
      revoked: "Refresh Token has been revoked",
      expired: "Refresh Token has expired",
    }[found.reason];
    throw notAuthorized(message);
  }
  const { session } = found;
  const user = findUser(ctx.config, session.username);
  if (!user) throw notAuthorized("Invalid Refresh Token");
  // Refreshed tokens keep the original auth_time and origin_jti; no new refresh token is returned
  // unless refresh token rotation is on (Cognito developer guide, "Using the refresh token").
  const issued = await ctx.tokens.issue(user, { authTime: session.authTime, originJti: session.originJti });
  return {
    AuthenticationResult: {
      AccessToken: issued.accessToken,
      ExpiresIn: issued.expiresIn,
      IdToken: issued.idToken,
      TokenType: "Bearer",
    },
    ChallengeParameters: {},
  };
}
