import type { LocalCredential, StackConfig } from "../config/types.js";

/** Local IAM: who owns an access key. The SigV4 verifier asks only this. */
export interface CredentialStore {
  find(accessKeyId: string): LocalCredential | undefined;
}

/** A store over explicit credentials (tests, benchmarks). */
export function credentialStoreOf(credentials: LocalCredential[]): CredentialStore {
  const byKey = new Map(credentials.map((c) => [c.accessKeyId, c]));
  return { find: (accessKeyId) => byKey.get(accessKeyId) };
}

/** The stack's store: the CloudFront service principal plus the named test principals. */
export function credentialStoreFromConfig(config: StackConfig): CredentialStore {
  return credentialStoreOf([config.credentials.cloudfront, ...config.credentials.others]);
}
