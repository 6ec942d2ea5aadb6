/** Sign-in against the local Cognito with USER_PASSWORD_AUTH (Amplify's default, SRP, is not needed locally). */

import { signIn } from "aws-amplify/auth";
import { type FormEvent, useState } from "react";

export interface SignInFormProps {
  demoUsers: { username: string; password: string }[];
  onSignedIn: () => void;
}

export function SignInForm({ demoUsers, onSignedIn }: SignInFormProps) {
  const [username, setUsername] = useState(demoUsers[0]?.username ?? "");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await signIn({ username, password, options: { authFlowType: "USER_PASSWORD_AUTH" } });
      if (result.isSignedIn) onSignedIn();
      else
        setError(
          `Sign-in needs another step (${result.nextStep.signInStep}), which the playground does not handle.`,
        );
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="sign-in" onSubmit={onSubmit} aria-label="Sign in">
      <h2>Sign in</h2>
      <p className="sign-in__hint" data-testid="playground-demo-users">
        Demo users: {demoUsers.map((u) => `${u.username} / ${u.password}`).join(", ")}
      </p>
      <label>
        Username
        <input
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="username"
          data-testid="playground-username"
        />
      </label>
      <label>
        Password
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          data-testid="playground-password"
        />
      </label>
      <button
        type="submit"
        disabled={busy || username === "" || password === ""}
        data-testid="playground-sign-in"
      >
        Sign in
      </button>
      {error !== null && (
        <p role="alert" className="sign-in__error" data-testid="playground-sign-in-error">
          {error}
        </p>
      )}
    </form>
  );
}
