import { describe, expect, it } from "vitest";
import { idpApiPool } from "./test-support/idp-api-client.js";

const { config, call, signIn } = idpApiPool();

describe("RevokeToken (Cognito API reference; Amplify signOut calls it)", () => {
  it("revokes the refresh token and the access tokens issued from it", async () => {
    const session = (await signIn()).body.AuthenticationResult;
    const other = (await signIn()).body.AuthenticationResult;
    const res = await call("RevokeToken", { Token: session.RefreshToken, ClientId: config.clientId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    const refresh = await call("InitiateAuth", {
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: config.clientId,
      AuthParameters: { REFRESH_TOKEN: session.RefreshToken },
    });
    expect(refresh.body.message).toBe("Refresh Token has been revoked");
    expect((await call("GetUser", { AccessToken: session.AccessToken })).body.message).toBe(
      "Access Token has been revoked",
    );
    // Only that sign-in: another session of the same user still works.
    expect((await call("GetUser", { AccessToken: other.AccessToken })).status).toBe(200);
  });

  it("refuses an access token as the token to revoke", async () => {
    const session = (await signIn()).body.AuthenticationResult;
    const res = await call("RevokeToken", { Token: session.AccessToken, ClientId: config.clientId });
    expect(res.body.__type).toBe("UnsupportedTokenTypeException");
  });
});
