/**
 * Just enough of the Cognito IdP JSON API for Amplify's USER_PASSWORD_AUTH sign-in, for the
 * client's auth tests (the full Cognito emulation is a separate service). Tokens are minted and RS256
 * signed at run time; refresh always fails, as it does for a revoked refresh token.
 */
import { generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeIdp {
  endpoint: string;
  userPoolId: string;
  clientId: string;
  targets: string[];
  close(): Promise<void>;
}

export async function startFakeIdp(): Promise<FakeIdp> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const userPoolId = "us-east-1_FrontendTest";
  const clientId = `client${randomUUID().slice(0, 8)}`;
  const targets: string[] = [];
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const mint = (tokenUse: "id" | "access") => {
    const now = Math.floor(Date.now() / 1000);
    const input = `${b64({ alg: "RS256", kid: "k1", typ: "JWT" })}.${b64({
      sub: randomUUID(),
      token_use: tokenUse,
      ...(tokenUse === "id" ? { aud: clientId } : { client_id: clientId }),
      "cognito:username": "alice",
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`,
      iat: now,
      exp: now + 3600,
    })}`;
    return `${input}.${sign("sha256", Buffer.from(input), privateKey).toString("base64url")}`;
  };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (part: Buffer) => {
      body += part.toString("utf8");
    });
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "");
      targets.push(target);
      const json = { "content-type": "application/x-amz-json-1.1" };
      const parsed = JSON.parse(body || "{}") as { AuthFlow?: string };
      if (target.endsWith(".InitiateAuth") && parsed.AuthFlow === "USER_PASSWORD_AUTH") {
        const result = { IdToken: mint("id"), AccessToken: mint("access"), RefreshToken: randomUUID() };
        res
          .writeHead(200, json)
          .end(JSON.stringify({ AuthenticationResult: { ...result, ExpiresIn: 3600 } }));
        return;
      }
      res
        .writeHead(400, { ...json, "x-amzn-errortype": "NotAuthorizedException" })
        .end(JSON.stringify({ __type: "NotAuthorizedException", message: "Refresh Token has been revoked" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    userPoolId,
    clientId,
    targets,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
