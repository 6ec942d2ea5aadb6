/**
 * A certificate authority made at run time with the `openssl` CLI (no committed key material): a CA
 * certificate for `NODE_EXTRA_CA_CERTS` and a server certificate for the given DNS names, both EC P-256
 * and valid for a day.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TestCa {
  /** Folder holding the files; `remove()` deletes it. */
  dir: string;
  /** PEM file of the CA certificate (what NODE_EXTRA_CA_CERTS points at). */
  caFile: string;
  /** Server key and certificate (PEM text) for `https.createServer`. */
  key: string;
  cert: string;
  remove(): void;
}

const OPENSSL = process.env.OPENSSL ?? "/usr/bin/openssl";

function openssl(dir: string, args: string[]): void {
  execFileSync(OPENSSL, args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
}

/** @example const ca = makeTestCa("Test CA", ["cognito-idp.us-east-1.amazonaws.com"]); */
export function makeTestCa(caName: string, dnsNames: string[]): TestCa {
  const dir = mkdtempSync(path.join(os.tmpdir(), "test-ca-"));
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl(dir, [
    "req",
    "-x509",
    ...ec,
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "1",
    "-subj",
    `/CN=${caName}`,
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  openssl(dir, ["req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", `/CN=${dnsNames[0]}`]);
  writeFileSync(
    path.join(dir, "server.ext"),
    `subjectAltName=${dnsNames.map((n) => `DNS:${n}`).join(",")}\nextendedKeyUsage=serverAuth\n`,
  );
  openssl(dir, [
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "1",
    "-extfile",
    "server.ext",
  ]);
  return {
    dir,
    caFile: path.join(dir, "ca.pem"),
    key: readFileSync(path.join(dir, "server.key"), "utf8"),
    cert: readFileSync(path.join(dir, "server.pem"), "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
