/**
 * The Cognito user pool the deployment uses. It lives in another stack; what this module says of it
 * is what it hands the function (`COGNITO_USER_POOL_ID`, `COGNITO_CLIENT_ID`), so one pool serves the
 * whole local stack: when Terraform names the pool or client, local Cognito uses them too.
 */
import type { CognitoFacts, LambdaFacts } from "./facts.js";

export function readCognito(lambda: LambdaFacts): CognitoFacts {
  const facts: CognitoFacts = {};
  const poolId = lambda.environment.COGNITO_USER_POOL_ID;
  if (poolId) facts.userPoolId = poolId;
  const clientId = lambda.environment.COGNITO_CLIENT_ID;
  if (clientId) facts.clientId = clientId;
  return facts;
}
