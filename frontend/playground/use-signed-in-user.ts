/**
 * Who is signed in to the playground, as Amplify says, and whether the tutor has ended that session
 * (a 401, or Amplify has none left): then the page asks for the password again.
 */
import { getCurrentUser, signOut } from "aws-amplify/auth";
import { useCallback, useEffect, useState } from "react";

export function useSignedInUser() {
  const [username, setUsername] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
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

  return {
    /** Kept while the session has ended, so the tutor keeps its conversation. */
    username,
    /** Amplify has answered whether anyone is signed in (no sign-in form flashes before). */
    checked,
    signedIn: username !== null && !sessionEnded,
    onSignOut,
    onAuthRequired,
    onSignedIn,
  };
}
