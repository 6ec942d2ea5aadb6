import { AMZ_JSON } from "../aws/json-protocol.js";

/**
 * Signs in with `USER_PASSWORD_AUTH` over the Cognito IdP JSON API, as a terminal client or a test
 * would against the emulated pool (or a real one whose app client allows that flow).
 *
 * @example const idToken = await passwordSignIn("http://127.0.0.1:9229/", clientId, "alice", "Alice-Pass-1");
 */
export async function passwordSignIn(
  cognitoUrl: string,
  clientId: string,
  username: string,
  password: string,
): Promise<string> {
  const res = await fetch(cognitoUrl, {
    method: "POST",
    headers: {
      "content-type": AMZ_JSON,
      "x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth",
    },
    body: JSON.stringify({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  });
  const body = (await res.json()) as { AuthenticationResult?: { IdToken?: string }; message?: string };
  const token = body.AuthenticationResult?.IdToken;
  if (!res.ok || !token) throw new Error(`sign-in as ${username} failed: ${body.message ?? res.status}`);
  return token;
}
