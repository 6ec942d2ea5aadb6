/**
 * Serves the playground with Vite's dev server, wired to the offline stack: Amplify points at the
 * local Cognito, and the chatbot client's endpoint is the emulated CloudFront (`chatbotEndpoint`).
 *
 * @example
 * const playground = await startPlayground({ config: defaultConfig() });
 * console.log(playground.url); // http://127.0.0.1:5173/
 * await playground.close();
 */
import path from "node:path";
import react from "@vitejs/plugin-react";
import { createServer as createViteServer, type ViteDevServer } from "vite";
import type { PlaygroundPageConfig } from "../../frontend/playground/page-config.js";
import { chatbotEndpoint, REPO_ROOT } from "../config/defaults.js";
import type { StackConfig } from "../config/types.js";
import type { InspectorRecorder } from "../inspector/recorder.js";
import { INSPECTOR_PATH, inspectorAccess, isInspectorPath, serveInspector } from "../inspector/routes.js";
import { type EmulatedService, httpService } from "../stack/http-service.js";
import type { ServiceLog } from "../stack/logger.js";

export const PLAYGROUND_ROOT = path.join(REPO_ROOT, "frontend/playground");

export interface PlaygroundOptions {
  config: StackConfig;
  /** Defaults to `config.playground.port`; 0 picks a free port. */
  port?: number;
  /** Defaults to `config.playground.host`. */
  host?: string;
  /** Vite's dependency cache; tests pass a temporary folder. */
  cacheDir?: string;
  /** Serves `GET /__emulator/requests` on the page's own origin for the Inspector page. */
  inspector?: InspectorRecorder;
  /** Where a fault of the server is logged (default: stderr). */
  log?: ServiceLog;
}

export interface RunningPlayground {
  url: string;
  close: EmulatedService["close"];
}

/** What the page needs to know about the stack, injected with Vite `define`. */
export function playgroundDefines(config: StackConfig): Record<string, string> {
  const { cognito } = config;
  const page: PlaygroundPageConfig = {
    userPoolId: cognito.userPoolId,
    userPoolClientId: cognito.clientId,
    userPoolEndpoint: `http://${cognito.host}:${cognito.port}`,
    demoUsers: cognito.users.map(({ username, password }) => ({ username, password })),
    // Served below on the page's own origin; the page only knows the path it is given.
    inspectorEndpoint: INSPECTOR_PATH,
  };
  return {
    __PLAYGROUND_CONFIG__: JSON.stringify(page),
    // The name the Next.js app uses, so the component reads its endpoint the same way in both.
    "process.env.NEXT_PUBLIC_CHATBOT_API_ENDPOINT": JSON.stringify(chatbotEndpoint(config)),
  };
}

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const { config } = options;
  const host = options.host ?? config.playground.host;
  const port = options.port ?? config.playground.port;
  const cacheDir = options.cacheDir ?? path.join(REPO_ROOT, "node_modules/.vite/playground");
  // We own the HTTP server (Vite in middleware mode) because Vite's own listen() turns port 0 into
  // its default 5173; this way port 0 really is ephemeral and a busy port fails (no silent move).
  let vite: ViteDevServer | undefined;
  // Its own page may use the inspector from any of the playground's names, on the port it is bound to.
  let boundPort = port;
  const access = inspectorAccess({ serviceHost: host, playground: () => ({ host, port: boundPort }) });
  const service = httpService(
    (req, res) => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      if (isInspectorPath(path)) return serveInspector(req, res, path, options.inspector, access);
      vite?.middlewares(req, res);
    },
    {
      name: "playground",
      // A local dev server, no real service to copy: the status's own text (Vite answers its own faults).
      internalError: () => ({
        status: 500,
        headers: { "content-type": "text/plain; charset=utf-8" },
        body: "Internal Server Error",
      }),
      log: options.log,
      defaults: { port, host },
      onClose: async () => {
        if (!vite) return;
        await optimizerSettled(vite);
        await vite.close();
      },
    },
  );
  vite = await createViteServer({
    configFile: false,
    envFile: false,
    root: PLAYGROUND_ROOT,
    cacheDir,
    appType: "spa",
    plugins: [react()],
    define: playgroundDefines(config),
    clearScreen: false,
    logLevel: "warn",
    // Pre-bundle up front, so the first page load does not trigger a re-optimise and reload.
    optimizeDeps: {
      include: [
        "react",
        "react-dom/client",
        "aws-amplify",
        "aws-amplify/auth",
        "react-markdown",
        "eventsource-parser",
      ],
    },
    server: {
      middlewareMode: true,
      hmr: { server: service.server },
      // The component and client live in frontend/src, outside the playground root.
      fs: { allow: [path.resolve(PLAYGROUND_ROOT, ".."), path.join(REPO_ROOT, "node_modules"), cacheDir] },
    },
  });
  try {
    const { url, port: bound } = await service.listen(port, host);
    boundPort = bound;
    return { url: `${url}/`, close: service.close };
  } catch (error) {
    await service.close();
    throw error;
  }
}

/**
 * Waits (at most 30 s) for Vite's dependency optimiser to finish a bundle it started: closing Vite 7
 * while a page's first request waits on that bundle cancels the esbuild build and never settles.
 */
async function optimizerSettled(vite: ViteDevServer): Promise<void> {
  const metadata = vite.environments.client.depsOptimizer?.metadata;
  if (!metadata) return;
  const pending = [...Object.values(metadata.discovered), ...Object.values(metadata.optimized)]
    .map((dep) => dep.processing)
    .filter((processing): processing is Promise<void> => processing !== undefined);
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 30_000);
  });
  await Promise.race([Promise.allSettled(pending), limit]);
  clearTimeout(timer);
}
