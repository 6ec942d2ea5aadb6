/** A viewer for tests: raw `node:http`, so it can send what browsers cannot (a GET with a body). */
import http from "node:http";

export interface ViewerResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** False when the connection was cut before the response ended. */
  complete: boolean;
}

export interface ViewerRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Called with each body chunk as it arrives. */
  onChunk?: (chunk: string) => void;
}

export function viewerRequest(baseUrl: string, request: ViewerRequest = {}): Promise<ViewerResponse> {
  const url = new URL(request.path ?? "/chatbot", baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method ?? "GET",
        path: url.pathname + url.search,
        headers: request.headers,
        agent: false,
      },
      (res) => {
        let body = "";
        let settled = false;
        const settle = (complete: boolean) => {
          if (settled) return;
          settled = true;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, complete });
        };
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
          request.onChunk?.(chunk);
        });
        res.on("end", () => settle(res.complete));
        res.on("aborted", () => settle(false));
        res.on("error", () => settle(false));
        res.on("close", () => settle(res.complete));
      },
    );
    req.on("error", reject);
    req.end(request.body);
  });
}
