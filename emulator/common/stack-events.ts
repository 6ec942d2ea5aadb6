/**
 * The stack's event bus: what the services tell whoever listens about the requests passing through
 * them, every event typed in one map (its name -> its payload). The stack owns one bus per running
 * stack and hands it to each service as an optional dependency, like its log; the request inspector
 * (emulator/inspector/) subscribes to it. A service never learns who listens and a listener imports no
 * service: the payloads below are the only shapes the two sides share.
 *
 * The shape is msw's typed life-cycle events (mswjs/msw, `src/core/sharedOptions.ts`,
 * `LifeCycleEventsMap`, read 2026-12-07; the same names live on as `HttpNetworkFrameEventMap` in
 * `src/core/experimental/frames/http-frame.ts`): one map from an event's `noun:verb` name to its
 * payload, each payload naming the request it is about by id, and subscribers given `on`/`off` only.
 * Like msw's, these events report what happened; a listener cannot change the request.
 *
 * Cost: `emit` with nobody subscribed is one Map lookup. Payloads hold references (the request's raw
 * headers, the Lambda event), never copies; an emitter builds anything dearer only when `listens(name)`.
 * Payloads may hold secrets (Authorization, tokens, prompt text, the function's output): the bus stays
 * in the process and is never serialised, and a subscriber keeps only what it has redacted.
 */

/** The steps of a chat, in the order a request meets them. */
export type HopName =
  | "viewer-request"
  | "cloudfront-function"
  | "origin-request"
  | "function-url-auth"
  | "lambda-event"
  | "invocation"
  | "model-call";

/** How a step ended: `refused` when it turned the request away, `failed` on an error or a cut. */
export type StepOutcome = "ok" | "refused" | "failed";

/** A request reached a service; its later events carry the same `requestId`. */
export interface RequestReceived {
  /** CloudFront: its `X-Amz-Cf-Id`. The Function URL: the invocation's request id (Lambda's RequestId). */
  requestId: string;
  service: "cloudfront" | "function-url";
  /** The `X-Amz-Cf-Id` the request arrived with (CloudFront sends it to its origin), if any. */
  cfId?: string;
}

/** The Lambda event's fields a listener may summarise (a Function URL payload 2.0 event has them all). */
export interface LambdaEventView {
  version: string;
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  headers: Record<string, string | undefined>;
  cookies?: string[];
  body?: string;
  isBase64Encoded: boolean;
  requestContext: {
    requestId: string;
    http: { method: string; sourceIp: string };
    authorizer?: { iam?: { userArn?: string | null } };
  };
}

/** A step began, with what it starts from. */
export type HopStarted = { requestId: string } & (
  | { hop: "viewer-request"; method: string; path: string; rawHeaders: readonly string[] }
  | { hop: "cloudfront-function"; functionName: string }
  | {
      hop: "origin-request";
      method: string;
      path: string;
      host: string;
      signed: boolean;
      /** The origin request's Authorization as sent (OAC's SigV4 header, signature included), if any. */
      authorization: string | undefined;
    }
  | { hop: "function-url-auth"; authType: string }
  | { hop: "lambda-event"; event: LambdaEventView; payloadBytes: number }
  /** `container` is absent when no container was given (throttled). */
  | { hop: "invocation"; container?: { id: number; cold: boolean; waitedMs: number } }
);

/** A running step learnt something before its end. */
export interface HopProgressed {
  requestId: string;
  hop: "origin-request";
  /** Since the viewer's request arrived, when the origin's response headers came. */
  firstByteAfterMs: number;
}

/** What a step found out on its way, by kind. */
export type HopFacts =
  | {
      kind: "function-request";
      computeUtilization: number;
      /** The viewer's headers as Node read them (name, value, name, value, ...). */
      rawHeadersBefore: readonly string[];
      /** The headers the CloudFront Function passed on, lower-case names. */
      headersAfter: readonly (readonly [string, string])[];
      pathChanged: boolean;
    }
  | { kind: "function-response"; computeUtilization: number }
  | { kind: "caller"; principal: string | null };

/** A step ended. */
export interface HopEnded {
  requestId: string;
  hop: Exclude<HopName, "model-call">;
  outcome: StepOutcome;
  status?: number | null;
  /** Why, in words safe to show (AWS's message and the check, an error kind). */
  reason?: string | null;
  /** Why, as an error's own text, which may quote a secret: a listener scrubs it first. Wins over `reason`. */
  error?: string;
  facts?: HopFacts;
}

/** A container took an invocation: what the function runs from now on is this request's. */
export interface InvocationBound {
  requestId: string;
  /** The container's number, as the log's `[container #N]` shows it. */
  containerId: number;
  /** Init Duration of this invocation's cold start; undefined on a warm container. */
  initMs?: number;
  /** The event's body as the function gets it. */
  body: string;
  isBase64Encoded: boolean;
}

/** The invocation is over (after the function's last byte, or its error). */
export interface InvocationEnded {
  requestId: string;
  containerId: number;
  /** The status the client got; null when nothing was sent. */
  status: number | null;
  /** What the runtime reported when the invocation failed. */
  error?: { errorType: string; errorMessage: string };
  /**
   * The first bytes of the body the function streamed back (at most 2 KB, after the prelude), kept
   * only while someone listens to this event: enough to read a pinned `{"error":{...}}` body.
   */
  bodyHead?: Buffer;
  durationMs: number;
  initMs?: number;
}

/** A line the function wrote, as it reaches the log (after Lambda's log-level filter). */
export interface FunctionLog {
  containerId: number;
  line: string;
}

/** The model stub received a call (before any check, so refused calls are seen too). */
export interface ModelCallStarted {
  /** The stub's journal id (`GET /_stub/requests`). */
  journalId: string;
  model: string;
  method: string;
  /** How many turns `contents` holds. */
  promptTurns: number;
  /** The prompt's text (every text part of contents and system instruction), for matching only. */
  promptText: string;
  /** The stub's own token estimate of that text. */
  promptTokens: number;
}

/** The model call's response closed. */
export interface ModelCallEnded {
  journalId: string;
  status: number | null;
  aborted: boolean;
  completed: boolean;
  scenario: string | null;
}

/** Every event of the stack: its name and its payload. */
export interface StackEventMap {
  "request:received": RequestReceived;
  "hop:started": HopStarted;
  "hop:progressed": HopProgressed;
  "hop:ended": HopEnded;
  "invocation:bound": InvocationBound;
  "invocation:ended": InvocationEnded;
  "function:log": FunctionLog;
  "model-call:started": ModelCallStarted;
  "model-call:ended": ModelCallEnded;
}

export type StackEventName = keyof StackEventMap;

/** One event as a value: the union of every name with its payload. */
export type StackEvent = { [K in StackEventName]: { name: K; payload: StackEventMap[K] } }[StackEventName];

export type StackEventListener<K extends StackEventName> = (payload: StackEventMap[K]) => void;

/** What a service is given: it tells, and may ask whether anyone listens before building a dear payload. */
export interface StackEventEmitter {
  emit<K extends StackEventName>(name: K, payload: StackEventMap[K]): void;
  listens(name: StackEventName): boolean;
}

/** What a subscriber is given (msw's `LifeCycleEventEmitter` is likewise `on`/`removeListener` only). */
export interface StackEventSource {
  /** Calls `listener` with every `name` event from now on; returns what unsubscribes it. */
  on<K extends StackEventName>(name: K, listener: StackEventListener<K>): () => void;
  off<K extends StackEventName>(name: K, listener: StackEventListener<K>): void;
}

/**
 * The bus. Listeners run synchronously, in the order they subscribed, inside the emitting service's
 * call: they must stay cheap, and one that throws throws into the service, as a direct call would.
 *
 * @example
 * const events = new StackEvents();
 * events.on("function:log", ({ containerId, line }) => console.log(containerId, line));
 * events.emit("function:log", { containerId: 1, line: "hello" });
 */
export class StackEvents implements StackEventEmitter, StackEventSource {
  private readonly listeners = new Map<StackEventName, Set<StackEventListener<never>>>();

  emit<K extends StackEventName>(name: K, payload: StackEventMap[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of set) (listener as StackEventListener<K>)(payload);
  }

  listens(name: StackEventName): boolean {
    return this.listeners.has(name);
  }

  on<K extends StackEventName>(name: K, listener: StackEventListener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as StackEventListener<never>);
    return () => this.off(name, listener);
  }

  off<K extends StackEventName>(name: K, listener: StackEventListener<K>): void {
    const set = this.listeners.get(name);
    if (!set) return;
    set.delete(listener as StackEventListener<never>);
    if (set.size === 0) this.listeners.delete(name);
  }
}
