/**
 * A minimal Chrome DevTools Protocol client over the inspector's WebSocket (the `ws` package), with
 * sessions for worker threads (Node's NodeWorker domain), and the source-map lookups a debugger front
 * end does: from a TypeScript line to the generated position, and back. Test support only.
 */
import { SourceMap, type SourceMapPayload } from "node:module";
import WebSocket from "ws";

type Params = Record<string, unknown>;
interface Message {
  id?: number;
  method?: string;
  params?: Params;
  result?: Params;
  error?: { message: string };
}

/** One protocol session: the process's own, or a worker's relayed through NodeWorker. */
export interface Session {
  send(method: string, params?: Params): Promise<Params>;
  /** Resolves with the params of the next `method` event that `accept`s, or rejects after `ms`. */
  next(method: string, ms: number, accept?: (params: Params) => boolean): Promise<Params>;
  /** Every event seen so far (e.g. scriptParsed sent right after Debugger.enable). */
  readonly events: { method: string; params: Params }[];
}

function createSession(post: (text: string) => void): Session & { receive(message: Message): void } {
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Params) => void; reject: (e: Error) => void }>();
  const events: { method: string; params: Params }[] = [];
  const waiters: { method: string; accept: (p: Params) => boolean; resolve: (p: Params) => void }[] = [];
  return {
    events,
    send(method, params = {}) {
      const id = nextId++;
      post(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    next(method, ms, accept = () => true) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${method} within ${ms} ms`)), ms);
        waiters.push({
          method,
          accept,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
    receive(message) {
      if (message.id !== undefined) {
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) call?.reject(new Error(message.error.message));
        else call?.resolve(message.result ?? {});
        return;
      }
      if (!message.method) return;
      const params = message.params ?? {};
      events.push({ method: message.method, params });
      const at = waiters.findIndex((w) => w.method === message.method && w.accept(params));
      if (at >= 0) waiters.splice(at, 1)[0]?.resolve(params);
    },
  };
}

export interface Inspector extends Session {
  /** A session with the worker thread whose entry URL `accept`s (NodeWorker.attachedToWorker). */
  attachToWorker(accept: (url: string) => boolean, ms: number): Promise<Session>;
  close(): void;
}

/** Connects to `ws://...` from the inspector's `/json/list`. */
export async function connectInspector(webSocketUrl: string): Promise<Inspector> {
  const socket = new WebSocket(webSocketUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  const main = createSession((text) => socket.send(text));
  const workers = new Map<string, ReturnType<typeof createSession>>();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as Message;
    if (message.method === "NodeWorker.receivedMessageFromWorker") {
      const { sessionId, message: inner } = message.params as { sessionId: string; message: string };
      workers.get(sessionId)?.receive(JSON.parse(inner) as Message);
      return;
    }
    main.receive(message);
  });
  return {
    ...main,
    events: main.events,
    async attachToWorker(accept, ms) {
      const attached = main.next("NodeWorker.attachedToWorker", ms, (p) =>
        accept(String((p.workerInfo as { url?: string }).url ?? "")),
      );
      await main.send("NodeWorker.enable", { waitForDebuggerOnStart: false });
      const { sessionId } = (await attached) as { sessionId: string };
      const session = createSession((message) => {
        void main.send("NodeWorker.sendMessageToWorker", { sessionId, message });
      });
      workers.set(sessionId, session);
      return session;
    },
    close: () => socket.close(),
  };
}

/** `http://host:port/json/list`: the first target's WebSocket URL. */
export async function webSocketUrlOf(host: string, port: number): Promise<string> {
  const res = await fetch(`http://${host}:${port}/json/list`, { signal: AbortSignal.timeout(5_000) });
  const targets = (await res.json()) as { webSocketDebuggerUrl: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on ${host}:${port}`);
  return url;
}

/** The inline source map a parsed script names (`sourceMapURL` from Debugger.scriptParsed). */
export function inlineSourceMap(sourceMapUrl: string): SourceMap {
  const base64 = /^data:application\/json;(?:charset=utf-8;)?base64,(.*)$/.exec(sourceMapUrl)?.[1];
  if (!base64) throw new Error(`not an inline source map: ${sourceMapUrl.slice(0, 60)}`);
  return new SourceMap(JSON.parse(Buffer.from(base64, "base64").toString("utf8")) as SourceMapPayload);
}

/**
 * The first generated position (0-based) that maps to `line` (1-based) of a source whose path ends
 * with `sourceSuffix`: what VS Code or DevTools computes when a breakpoint is set in the .ts file.
 */
export function generatedPosition(
  map: SourceMap,
  sourceSuffix: string,
  line: number,
  generatedLines: number,
): { lineNumber: number; columnNumber: number } {
  for (let lineNumber = 0; lineNumber < generatedLines; lineNumber++) {
    for (let columnNumber = 0; columnNumber < 400; columnNumber++) {
      const entry = map.findEntry(lineNumber, columnNumber) as Partial<{
        generatedLine: number;
        generatedColumn: number;
        originalSource: string;
        originalLine: number;
      }>;
      if (
        entry.generatedLine === lineNumber &&
        entry.originalLine === line - 1 &&
        entry.originalSource?.endsWith(sourceSuffix)
      ) {
        return { lineNumber, columnNumber: entry.generatedColumn ?? columnNumber };
      }
    }
  }
  throw new Error(`no generated position maps to ${sourceSuffix}:${line}`);
}

/** Where a generated position (0-based) comes from: `file.ts:line` (1-based), or undefined. */
export function originalLocation(
  map: SourceMap,
  lineNumber: number,
  columnNumber: number,
): string | undefined {
  const entry = map.findEntry(lineNumber, columnNumber) as Partial<{
    originalSource: string;
    originalLine: number;
  }>;
  if (entry.originalSource === undefined || entry.originalLine === undefined) return undefined;
  return `${entry.originalSource}:${entry.originalLine + 1}`;
}
