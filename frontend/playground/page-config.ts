/** What the playground server injects into the page with Vite `define` (one JSON object, `__PLAYGROUND_CONFIG__`). */
export interface PlaygroundPageConfig {
  userPoolId: string;
  userPoolClientId: string;
  /**
   * `http://<cognito host>:<port>`: Amplify's custom user pool endpoint
   * (docs/platform-facts.md#amplify-against-a-local-cognito).
   */
  userPoolEndpoint: string;
  /** The demo users, shown as a sign-in hint (local-only passwords, also printed by `npm start`). */
  demoUsers: { username: string; password: string }[];
  /** Path (on the page's own origin) of the request inspector's list of recent chats. */
  inspectorEndpoint: string;
}

declare global {
  const __PLAYGROUND_CONFIG__: PlaygroundPageConfig;
}
