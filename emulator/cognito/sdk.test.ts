import {
  CognitoIdentityProviderClient,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  ResourceNotFoundException,
  UserNotFoundException,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCognitoServer } from "./server.js";
import { localVerifier, tempStateDir, testPoolConfig } from "./test-support/cognito-pool.js";

const state = tempStateDir();
const config = testPoolConfig();
const cognito = createCognitoServer({ config, region: "us-east-1", stateDir: state.dir });
let url = "";
let client: CognitoIdentityProviderClient;

beforeAll(async () => {
  ({ url } = await cognito.listen(0, "127.0.0.1"));
  client = new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: url,
    // Dummy credentials: these operations are unauthenticated; the SDK signs anyway.
    credentials: { accessKeyId: "AKIDLOCALTEST", secretAccessKey: "local-test-secret" },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await cognito.close();
  state.remove();
});

const passwordAuth = (username: string, password: string) =>
  client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: config.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );

describe("the real AWS SDK v3 CognitoIdentityProviderClient against the emulator", () => {
  it("signs in with InitiateAuth USER_PASSWORD_AUTH and gets a verifiable ID token", async () => {
    const out = await passwordAuth("alice", "Alice-Pass-1");
    const result = out.AuthenticationResult;
    expect(result?.TokenType).toBe("Bearer");
    expect(result?.ExpiresIn).toBe(3600);
    expect(result?.RefreshToken).toBeTruthy();
    const payload = await localVerifier(config, url).verifier.verify(result?.IdToken ?? "");
    expect(payload["cognito:username"]).toBe("alice");
  });

  it("refreshes with REFRESH_TOKEN_AUTH, reads the user with GetUser", async () => {
    const first = (await passwordAuth("bob", "Bob-Pass-1")).AuthenticationResult;
    const refreshed = await client.send(
      new InitiateAuthCommand({
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: config.clientId,
        AuthParameters: { REFRESH_TOKEN: first?.RefreshToken ?? "" },
      }),
    );
    const accessToken = refreshed.AuthenticationResult?.AccessToken ?? "";
    expect(refreshed.AuthenticationResult?.IdToken).toBeTruthy();
    const user = await client.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(user.Username).toBe("bob");
    expect(user.UserAttributes?.find((a) => a.Name === "email")?.Value).toBe("bob@example.com");
  });

  it("surfaces Cognito errors as the SDK's own exception classes", async () => {
    const wrong = await passwordAuth("alice", "nope").catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(NotAuthorizedException);
    expect((wrong as Error).message).toBe("Incorrect username or password.");
    expect((wrong as NotAuthorizedException).$metadata.httpStatusCode).toBe(400);
    await expect(passwordAuth("mallory", "x")).rejects.toBeInstanceOf(UserNotFoundException);
    const badClient = client.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: "nosuchclient",
        AuthParameters: { USERNAME: "alice", PASSWORD: "Alice-Pass-1" },
      }),
    );
    await expect(badClient).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it("GlobalSignOut revokes refresh: the SDK's refresh then fails with NotAuthorizedException", async () => {
    const session = (await passwordAuth("alice", "Alice-Pass-1")).AuthenticationResult;
    await client.send(new GlobalSignOutCommand({ AccessToken: session?.AccessToken ?? "" }));
    const refresh = client.send(
      new InitiateAuthCommand({
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: config.clientId,
        AuthParameters: { REFRESH_TOKEN: session?.RefreshToken ?? "" },
      }),
    );
    await expect(refresh).rejects.toThrow(/Refresh Token has been revoked/);
    await expect(
      client.send(new GetUserCommand({ AccessToken: session?.AccessToken ?? "" })),
    ).rejects.toBeInstanceOf(NotAuthorizedException);
  });

  it("reports a not-emulated flow as an error naming it, not a success", async () => {
    const custom = client.send(
      new InitiateAuthCommand({
        AuthFlow: "CUSTOM_AUTH",
        ClientId: config.clientId,
        AuthParameters: { USERNAME: "alice" },
      }),
    );
    const err = (await custom.catch((e: unknown) => e)) as Error & {
      $metadata?: { httpStatusCode?: number };
    };
    expect(err.name).toBe("NotEmulatedException");
    expect(err.message).toContain("CUSTOM_AUTH");
    expect(err.$metadata?.httpStatusCode).toBe(501);
  });
});
