/**
 * Just enough of the Cognito IdP JSON API for Amplify's USER_PASSWORD_AUTH sign-in, for the
 * client's auth tests. Not the emulated Cognito: the frontend's tests import nothing from the
 * emulator (ARCHITECTURE.md), so the client is tested against this small double. Tokens come from the
 * shared run-time issuer (test/test-support/cognito-tokens.ts); refresh always fails, as it does for a
 * revoked refresh token.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mintCognitoToken, newSigningKey } from "../../../test/test-support/cognito-tokens.js";

export interface FakeIdp {
  endpoint: string;
  userPoolId: string;
  clientId: string;
  targets: string[];
  close(): Promise<void>;
}

export async function startFakeIdp(): Promise<FakeIdp> {
  const key = newSigningKey();
  const userPoolId = "us-east-1_FrontendTest";
  const clientId = `client${randomUUID().slice(0, 8)}`;
  const targets: string[] = [];
  const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`;
  const mint = (tokenUse: "id" | "access") => mintCognitoToken({ key, issuer, clientId, tokenUse });
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
