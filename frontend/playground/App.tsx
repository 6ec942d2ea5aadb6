/** The playground page: a sample problem and code editor on the left, the tutor on the right. */
import { getCurrentUser, signOut } from "aws-amplify/auth";
import { useCallback, useEffect, useState } from "react";
import { Chatbot } from "../src/components/Chatbot.js";
import { Markdown } from "../src/components/Markdown.js";
import { SignInForm } from "./SignInForm.js";
import { type Example, sampleCode, sampleProblem } from "./sample-problem.js";

export function App({ demoUsers }: { demoUsers: { username: string; password: string }[] }) {
  const [username, setUsername] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const [code, setCode] = useState(sampleCode);
  // The tutor refused the session (401, or Amplify has none left): ask for the password again.
  const [sessionEnded, setSessionEnded] = useState(false);

  const refreshUser = useCallback(async () => {
    try {
      setUsername((await getCurrentUser()).username);
    } catch {
      setUsername(null);
    } finally {
      setChecked(true);
    }
  }, []);

  useEffect(() => {
    void refreshUser();
  }, [refreshUser]);

  async function onSignOut() {
    await signOut().catch(() => {});
    setSessionEnded(false);
    setUsername(null);
  }

  // Without this the page says "sign in again" while still showing "Signed in as ..." and no form.
  // The username (the Chatbot's key) is kept, so the conversation and the given-back question
  // survive signing in again; Amplify must forget the dead session first or signIn refuses.
  const onAuthRequired = useCallback(() => {
    setSessionEnded(true);
    void signOut().catch(() => {});
  }, []);

  const onSignedIn = useCallback(async () => {
    setSessionEnded(false);
    await refreshUser();
  }, [refreshUser]);

  const signedIn = username !== null && !sessionEnded;

  const examples = (sampleProblem.examples ?? []) as Example[];
  return (
    <div className="page">
      <header className="page__header">
        <h1>AI tutor playground</h1>
        <a className="inspector__link" href="/inspector.html" data-testid="playground-inspector-link">
          Request inspector
        </a>
        {signedIn && (
          <div className="page__user">
            <span data-testid="playground-user">Signed in as {username}</span>
            <button type="button" onClick={onSignOut} data-testid="playground-sign-out">
              Sign out
            </button>
          </div>
        )}
      </header>
      <main className="page__main">
        <section className="problem" aria-label="Problem">
          <h2>{sampleProblem.title}</h2>
          <Markdown text={sampleProblem.description} />
          <h3>Examples</h3>
          <ol className="problem__examples">
            {examples.map((example) => (
              <li key={example.input}>
                <pre>
                  Input: {example.input}
                  {"\n"}Output: {example.output}
                  {example.explanation === undefined ? "" : `\nExplanation: ${example.explanation}`}
                </pre>
              </li>
            ))}
          </ol>
          <label className="problem__editor">
            Your code
            <textarea
              value={code}
              onChange={(e) => setCode(e.target.value)}
              spellCheck={false}
              rows={14}
              data-testid="playground-code"
            />
          </label>
        </section>
        <aside className="tutor" aria-label="Tutor">
          {checked && !signedIn && <SignInForm demoUsers={demoUsers} onSignedIn={() => void onSignedIn()} />}
          <Chatbot
            key={username ?? "signed-out"}
            problemDetails={sampleProblem}
            userCode={code}
            onAuthRequired={onAuthRequired}
          />
        </aside>
      </main>
    </div>
  );
}
