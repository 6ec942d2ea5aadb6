/**
 * GetUser's access-token check and the IdP API's wire content type, against the sources named per test.
 */
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { decodeJwt, signJwt } from "./jwt.js";
import { createCognitoServer } from "./server.js";
import { tempStateDir, testPoolConfig } from "./test-support/cognito-pool.js";

const TARGET = "AWSCognitoIdentityProviderService.";
const state = tempStateDir();
const config = testPoolConfig();
const now = Date.now();
const cognito = createCognitoServer({ config, region: "us-east-1", stateDir: state.dir, clock: () => now });
afterAll(() => state.remove());

async function call(op: string, body: unknown) {
  const res = await request(cognito.app)
    .post("/")
    .set("x-amz-target", `${TARGET}${op}`)
    .set("content-type", "application/x-amz-json-1.1")
    .send(JSON.stringify(body));
  return { status: res.status, contentType: res.headers["content-type"], body: JSON.parse(res.text) };
}

async function accessToken(): Promise<string> {
  return (await cognito.mintTokens("alice")).accessToken;
}

/** The access token's claims re-signed with `use`'s current key, with `change` applied. */
async function resigned(use: "id" | "access", change: Record<string, unknown> = {}): Promise<string> {
  const decoded = decodeJwt(await accessToken());
  if (!decoded) throw new Error("not a JWT");
  const key = cognito.keys.current(use);
  return signJwt(
    { kid: key.kid, alg: "RS256" },
    { ...decoded.payload, ...change },
    await cognito.keys.privateKey(key),
  );
}

const invalid = { __type: "NotAuthorizedException", message: "Invalid Access Token" };

describe("IdP JSON API wire form (AWS JSON 1.1 protocol)", () => {
  it("answers success and errors as application/x-amz-json-1.1 with no charset", async () => {
    const ok = await call("GetUser", { AccessToken: await accessToken() });
    expect(ok.status).toBe(200);
    expect(ok.contentType).toBe("application/x-amz-json-1.1");
    const refused = await call("GetUser", { AccessToken: "x.y.z" });
    expect(refused.status).toBe(400);
    expect(refused.contentType).toBe("application/x-amz-json-1.1");
  });
});

describe("GetUser checks the access token as Cognito does (developer guide, access token; aws-jwt-verify)", () => {
  it("accepts the pool's own access token", async () => {
    const res = await call("GetUser", { AccessToken: await accessToken() });
    expect(res.body.Username).toBe("alice");
  });

  it("refuses access-token claims signed with the ID-token key: access tokens have their own key", async () => {
    expect((await call("GetUser", { AccessToken: await resigned("id") })).body).toEqual(invalid);
    // The same claims signed with the access key pass, so it is the key that is refused.
    expect((await call("GetUser", { AccessToken: await resigned("access") })).status).toBe(200);
  });

  it.each([
    ["token_use id", { token_use: "id" }],
    ["another app client", { client_id: "someotherclient123" }],
    ["another pool's issuer", { iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other" }],
  ])("refuses %s with Invalid Access Token", async (_, change) => {
    expect((await call("GetUser", { AccessToken: await resigned("access", change) })).body).toEqual(invalid);
  });

  it("refuses a signature with one byte changed, and alg none", async () => {
    const token = await accessToken();
    const [h, p, s] = token.split(".") as [string, string, string];
    const sig = Buffer.from(s, "base64url");
    sig[10] = (sig[10] ?? 0) ^ 1;
    expect((await call("GetUser", { AccessToken: `${h}.${p}.${sig.toString("base64url")}` })).body).toEqual(
      invalid,
    );
    const none = Buffer.from(JSON.stringify({ alg: "none", kid: cognito.keys.current("access").kid }));
    expect((await call("GetUser", { AccessToken: `${none.toString("base64url")}.${p}.` })).body).toEqual(
      invalid,
    );
  });

  it("an expired access token: Access Token has expired (aws-amplify/aws-sdk-ios#1376)", async () => {
    const expired = await resigned("access", { exp: Math.floor(now / 1000) - 1 });
    expect((await call("GetUser", { AccessToken: expired })).body).toEqual({
      __type: "NotAuthorizedException",
      message: "Access Token has expired",
    });
  });

  it("after GlobalSignOut: Access Token has been revoked (aws-amplify/amplify-js#2205)", async () => {
    const token = (await cognito.mintTokens("bob")).accessToken;
    expect((await call("GlobalSignOut", { AccessToken: token })).status).toBe(200);
    expect((await call("GetUser", { AccessToken: token })).body).toEqual({
      __type: "NotAuthorizedException",
      message: "Access Token has been revoked",
    });
  });
});
