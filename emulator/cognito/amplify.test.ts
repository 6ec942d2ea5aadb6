import { Amplify } from "aws-amplify";
import { fetchAuthSession, signIn, signOut } from "aws-amplify/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCognitoServer } from "./server.js";
import { localVerifier, tempStateDir, testPoolConfig } from "./test-support/cognito-pool.js";

const state = tempStateDir();
const config = testPoolConfig();
const calls: string[] = [];
const cognito = createCognitoServer({
  config,
  region: "us-east-1",
  stateDir: state.dir,
  log: (l) => calls.push(l),
});
let url = "";

beforeAll(async () => {
  ({ url } = await cognito.listen(0, "127.0.0.1"));
  // userPoolEndpoint points Amplify v6 at a local Cognito
  // (docs/platform-facts.md#amplify-against-a-local-cognito). Works in plain Node 20: no browser globals
  // needed (Amplify falls back to in-memory token storage).
  Amplify.configure({
    Auth: {
      Cognito: { userPoolId: config.userPoolId, userPoolClientId: config.clientId, userPoolEndpoint: url },
    },
  });
});
afterAll(async () => {
  await cognito.close();
  state.remove();
});

describe("the real aws-amplify v6 in Node against the emulator", () => {
  it("signIn (USER_PASSWORD_AUTH) + fetchAuthSession yields an ID token that verifies", async () => {
    const result = await signIn({
      username: "alice",
      password: "Alice-Pass-1",
      options: { authFlowType: "USER_PASSWORD_AUTH" },
    });
    expect(result.isSignedIn).toBe(true);
    expect(result.nextStep.signInStep).toBe("DONE");
    const session = await fetchAuthSession();
    const idToken = session.tokens?.idToken?.toString() ?? "";
    const payload = await localVerifier(config, url).verifier.verify(idToken);
    expect(payload["cognito:username"]).toBe("alice");
    expect(session.tokens?.accessToken.payload.token_use).toBe("access");
    await signOut();
  });

  it("signIn with Amplify's default flow (USER_SRP_AUTH) + fetchAuthSession yields an ID token that verifies", async () => {
    calls.length = 0;
    const result = await signIn({ username: "bob", password: "Bob-Pass-1" });
    expect(result.isSignedIn).toBe(true);
    expect(calls).toEqual(["InitiateAuth ok", "RespondToAuthChallenge ok"]);
    const idToken = (await fetchAuthSession()).tokens?.idToken?.toString() ?? "";
    expect((await localVerifier(config, url).verifier.verify(idToken))["cognito:username"]).toBe("bob");
    await signOut();
  });

  it("a wrong password through SRP surfaces as NotAuthorizedException", async () => {
    const err = (await signIn({ username: "bob", password: "wrong" }).catch((e: unknown) => e)) as Error;
    expect(err.name).toBe("NotAuthorizedException");
    expect(err.message).toBe("Incorrect username or password.");
  });

  it("signOut revokes the refresh token with RevokeToken", async () => {
    await signIn({ username: "alice", password: "Alice-Pass-1" });
    calls.length = 0;
    await signOut();
    expect(calls).toEqual(["RevokeToken ok"]);
    const session = await fetchAuthSession();
    expect(session.tokens).toBeUndefined();
  });
});
