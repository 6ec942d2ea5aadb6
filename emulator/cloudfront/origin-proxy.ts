import http from "node:http";
import type { CloudFrontErrorKind } from "./error-pages.js";

export interface OriginCall {
  agent: http.Agent;
  host: string;
  port: number;
  method: string;
  /** Path plus `?query` when there is one. */
  target: string;
  headers: [string, string][];
  /**
   * Applies before the first byte and to every gap between packets
   * (docs/platform-facts.md#origin-read-timeout).
   */
  readTimeoutMs: number;
  viewerRequest: http.IncomingMessage;
  viewerResponse: http.ServerResponse;
  /** Adds CloudFront's headers to the origin's response headers. */
  responseHeaders(originRawHeaders: string[]): [string, string][];
  /** Answers the viewer with one of CloudFront's error pages (nothing sent yet). */
  sendError(kind: CloudFrontErrorKind): void;
  /**
   * How the exchange ended: the status passed on, `cut` (CloudFront cut the viewer's stream: the
   * origin failed or went silent after the first byte), or `viewer-gone` (the viewer closed first).
   */
  done(outcome: ProxyOutcome): void;
}

function toHeaderObject(pairs: [string, string][]): http.OutgoingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const existing = headers[name];
    if (existing === undefined) headers[name] = value;
    else headers[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return headers;
}

export type ProxyOutcome = number | "cut" | "viewer-gone";

/** How one exchange ends, shared by the request and response sides. */
interface ExchangeEnd {
  finished(): boolean;
  /** (Re)starts the origin read timeout. */
  armTimer(): void;
  /** Bytes already went out: CloudFront can only cut the viewer's stream. */
  cutViewer(): void;
  finish(outcome: ProxyOutcome): void;
}

/**
 * Forwards the viewer's request (body streamed, never read) to the origin and streams the origin's
 * response back chunk by chunk: no buffering, Nagle off on both sockets, no compression.
 */
export function proxyToOrigin(call: OriginCall): void {
  const { viewerRequest, viewerResponse } = call;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  const finish = (outcome: ProxyOutcome) => {
    if (finished) return;
    finished = true;
    if (timer) clearTimeout(timer);
    call.done(outcome);
  };
  const cutViewer = () => {
    viewerResponse.destroy();
    finish("cut");
  };

  const upstream = http.request({
    agent: call.agent,
    host: call.host,
    port: call.port,
    method: call.method,
    path: call.target,
    headers: toHeaderObject(call.headers),
  });
  upstream.on("socket", (socket) => socket.setNoDelay(true));

  let responded = false;
  const armTimer = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      upstream.destroy();
      if (!responded) {
        call.sendError("origin-timeout");
        finish(504);
      } else {
        // Bytes already went out: CloudFront can only cut the stream.
        cutViewer();
      }
    }, call.readTimeoutMs);
  };

  upstream.on("error", () => {
    if (finished) return;
    if (!responded) {
      call.sendError("origin-unreachable");
      finish(502);
    } else {
      cutViewer();
    }
  });
  // The read timeout counts from the moment the whole request has been sent.
  upstream.on("finish", armTimer);

  upstream.on("response", (origin) => {
    responded = true;
    relayResponse(call, origin, {
      finished: () => finished,
      armTimer,
      cutViewer,
      finish,
    });
  });

  // A viewer that goes away stops the origin request too.
  viewerResponse.on("close", () => {
    if (!viewerResponse.writableFinished) {
      upstream.destroy();
      finish("viewer-gone");
    }
  });
  viewerRequest.pipe(upstream);
}

/** Streams the origin's response to the viewer, each packet restarting the read timeout. */
function relayResponse(call: OriginCall, origin: http.IncomingMessage, end: ExchangeEnd): void {
  const { viewerResponse } = call;
  end.armTimer();
  viewerResponse.writeHead(
    origin.statusCode ?? 502,
    origin.statusMessage,
    call.responseHeaders(origin.rawHeaders),
  );
  viewerResponse.flushHeaders();
  origin.on("data", (chunk: Buffer) => {
    end.armTimer();
    viewerResponse.write(chunk);
  });
  origin.on("end", () => {
    if (end.finished()) return;
    if (!origin.complete) return end.cutViewer();
    viewerResponse.end();
    end.finish(origin.statusCode ?? 502);
  });
  origin.on("aborted", end.cutViewer);
  origin.on("error", end.cutViewer);
}
