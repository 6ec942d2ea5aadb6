import { Amplify } from "aws-amplify";
import { fetchAuthSession, signIn, signOut } from "aws-amplify/auth";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { type FakeIdp, startFakeIdp } from "../test-support/fake-cognito-idp.js";
import { getAuthHeaders } from "./auth-headers.js";
import { ChatbotAuthError } from "./errors.js";

let idp: FakeIdp;
beforeAll(async () => {
  idp = await startFakeIdp();
  // Amplify warns that a custom endpoint is in use (docs/platform-facts.md#amplify-against-a-local-cognito);
  // keep test output quiet.
  vi.spyOn(console, "warn").mockImplementation(() => {});
  Amplify.configure({
    Auth: {
      Cognito: { userPoolId: idp.userPoolId, userPoolClientId: idp.clientId, userPoolEndpoint: idp.endpoint },
    },
  });
});
afterAll(async () => {
  vi.useRealTimers();
  await signOut().catch(() => {});
  await idp.close();
});

it("throws NOT_SIGNED_IN before anyone signs in", async () => {
  await expect(getAuthHeaders()).rejects.toThrow(
    new ChatbotAuthError("NOT_SIGNED_IN", "No user is signed in"),
  );
});

it("returns the Amplify session's ID token as a Bearer header after sign-in", async () => {
  const result = await signIn({
    username: "alice",
    password: "Alice-Pass-1",
    options: { authFlowType: "USER_PASSWORD_AUTH" },
  });
  expect(result.isSignedIn).toBe(true);
  const idToken = (await fetchAuthSession()).tokens?.idToken?.toString();
  expect(idToken).toMatch(/^eyJ/);
  expect(await getAuthHeaders()).toEqual({ Authorization: `Bearer ${idToken}` });
});

it("refuses a token past its exp", async () => {
  const later = () => Date.now() + 2 * 3600 * 1000;
  await expect(getAuthHeaders(later)).rejects.toMatchObject({
    name: "ChatbotAuthError",
    reason: "SESSION_EXPIRED",
  });
});

it("reads as an expired session once Amplify cannot refresh an expired token (refresh refused)", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + 2 * 3600 * 1000);
  const error = await getAuthHeaders().catch((e: unknown) => e);
  vi.useRealTimers();
  // Amplify 6 clears the tokens and returns none when the refresh is refused; the session ended,
  // which is not the same as never having signed in.
  expect(error).toMatchObject({ name: "ChatbotAuthError", reason: "SESSION_EXPIRED" });
  expect(idp.targets.some((target) => target.includes("RefreshToken"))).toBe(true);
  // Amplify has forgotten the session, so from now on nobody is signed in.
  await expect(getAuthHeaders()).rejects.toMatchObject({ reason: "NOT_SIGNED_IN" });
});
