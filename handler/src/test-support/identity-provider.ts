/**
 * A test Cognito: RSA keys generated at run time, a JWKS served over HTTP on 127.0.0.1 (port 0), and
 * ID tokens shaped like Cognito's (minted by test/test-support/cognito-tokens.ts). Not the Cognito
 * emulator: the handler's tests import nothing from emulator/, so they get this small pool of their own.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  mintCognitoToken,
  newSigningKey,
  publicJwk,
  type SigningKey,
} from "../../../test/test-support/cognito-tokens.js";

export { newSigningKey, type SigningKey };

export interface MintOptions {
  claims?: Record<string, unknown>;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  key?: SigningKey;
  header?: Record<string, unknown>;
}

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
      const keys = this.keys.map(publicJwk);
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
    return mintCognitoToken({ ...options, key, issuer: this.issuer, clientId: this.clientId });
  }
}
