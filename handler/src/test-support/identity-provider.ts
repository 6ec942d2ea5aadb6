/**
 * A test Cognito: RSA keys generated at run time, a JWKS served over HTTP on 127.0.0.1 (port 0), and
 * ID tokens shaped like Cognito's (aws-facts.md, "Cognito tokens": kid + RS256; sub, aud, token_use,
 * iss = https://cognito-idp.<region>.amazonaws.com/<poolId>, cognito:username, auth_time, iat, exp).
 */
import { generateKeyPairSync, type KeyObject, randomUUID, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface MintOptions {
  claims?: Record<string, unknown>;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  key?: SigningKey;
  header?: Record<string, unknown>;
}

export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid: randomUUID(), privateKey, publicKey };
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export class TestIdentityProvider {
  readonly userPoolId = "us-east-1_TestPool1";
  readonly clientId = `client${randomUUID().replaceAll("-", "").slice(0, 20)}`;
  readonly issuer = `https://cognito-idp.us-east-1.amazonaws.com/${this.userPoolId}`;
  /** Keys published in the JWKS. */
  keys: SigningKey[] = [newSigningKey()];
  /** When false, the JWKS endpoint answers 500 (an unreachable pool). */
  available = true;
  jwksRequests = 0;
  private server: Server | undefined;
  jwksUri = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.jwksRequests++;
      if (!this.available || req.url !== "/.well-known/jwks.json") {
        res.writeHead(this.available ? 404 : 500).end();
        return;
      }
      const keys = this.keys.map((k) => ({
        ...k.publicKey.export({ format: "jwk" }),
        kid: k.kid,
        alg: "RS256",
        use: "sig",
      }));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.jwksUri = `http://127.0.0.1:${port}/.well-known/jwks.json`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A signed ID token for `alice` unless claims say otherwise. */
  mint(options: MintOptions = {}): string {
    const key = options.key ?? (this.keys[0] as SigningKey);
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      sub: "0a8e3c1e-5d7b-4a7e-9f51-3c1d2b6a9e01",
      aud: this.clientId,
      token_use: "id",
      iss: this.issuer,
      "cognito:username": "alice",
      email: "alice@example.com",
      email_verified: true,
      auth_time: now,
      iat: now,
      exp: now + (options.expiresIn ?? 3600),
      jti: randomUUID(),
      origin_jti: randomUUID(),
      event_id: randomUUID(),
      ...options.claims,
    };
    const header = { kid: key.kid, alg: "RS256", ...options.header };
    const data = `${b64url(header)}.${b64url(payload)}`;
    return `${data}.${sign("RSA-SHA256", Buffer.from(data), key.privateKey).toString("base64url")}`;
  }
}
