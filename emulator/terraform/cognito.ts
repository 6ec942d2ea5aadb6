/**
 * The Cognito user pool the deployment uses. It lives in another stack; what the module says of it
 * is what it hands its functions (`COGNITO_USER_POOL_ID`, `COGNITO_CLIENT_ID`), so one pool serves the
 * whole local stack: when Terraform names the pool or client, local Cognito uses them too.
 */
import type { CognitoFacts, LambdaFacts } from "./facts.js";

export function readCognito(lambdas: LambdaFacts[]): CognitoFacts {
  const facts: CognitoFacts = {};
  // The first function that names them: one pool serves the whole local stack.
  const poolId = lambdas.find((l) => l.environment.COGNITO_USER_POOL_ID)?.environment.COGNITO_USER_POOL_ID;
  if (poolId) facts.userPoolId = poolId;
  const clientId = lambdas.find((l) => l.environment.COGNITO_CLIENT_ID)?.environment.COGNITO_CLIENT_ID;
  if (clientId) facts.clientId = clientId;
  return facts;
}
