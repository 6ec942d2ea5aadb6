/** The playground page: a sample problem and code editor on the left, the tutor on the right. */
import { useState } from "react";
import { Chatbot } from "../src/components/Chatbot.js";
import { ProblemPanel } from "./ProblemPanel.js";
import { SignInForm } from "./SignInForm.js";
import { sampleCode, sampleProblem } from "./sample-problem.js";
import { useSignedInUser } from "./use-signed-in-user.js";

export function App({ demoUsers }: { demoUsers: { username: string; password: string }[] }) {
  const user = useSignedInUser();
  const [code, setCode] = useState(sampleCode);
  return (
    <div className="page">
      <header className="page__header">
        <h1>AI tutor playground</h1>
        <a className="inspector__link" href="/inspector.html" data-testid="playground-inspector-link">
          Request inspector
        </a>
        {user.signedIn && (
          <div className="page__user">
            <span data-testid="playground-user">Signed in as {user.username}</span>
            <button type="button" onClick={user.onSignOut} data-testid="playground-sign-out">
              Sign out
            </button>
          </div>
        )}
      </header>
      <main className="page__main">
        <ProblemPanel code={code} onCodeChange={setCode} />
        <aside className="tutor" aria-label="Tutor">
          {user.checked && !user.signedIn && (
            <SignInForm demoUsers={demoUsers} onSignedIn={() => void user.onSignedIn()} />
          )}
          <Chatbot
            key={user.username ?? "signed-out"}
            problemDetails={sampleProblem}
            userCode={code}
            onAuthRequired={user.onAuthRequired}
          />
        </aside>
      </main>
    </div>
  );
}
