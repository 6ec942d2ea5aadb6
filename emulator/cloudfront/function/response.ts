import type http from "node:http";
import { cloudFrontResponseHeaders, type ViewerResponseContext } from "../origin-headers.js";
import type { CfResponse, CfValueMap } from "./event.js";

/**
 * The X-Cache value of a response a CloudFront Function generated, as recorded from real distributions
 * (curl output in "URL Redirect with Amazon CloudFront and Amazon Route 53", Christian Elsen,
 * https://www.edge-cloud.net/2023/03/20/http-redirect-with-cloudfront/: `HTTP/2 301`, `x-cache:
 * FunctionGeneratedResponse from cloudfront`; read 2026-12-07).
 */
const FUNCTION_RESPONSE_X_CACHE = "FunctionGeneratedResponse from cloudfront";

function valueMapPairs(map: CfValueMap | undefined): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, entry] of Object.entries(map ?? {})) {
    const values = entry.multiValue?.length ? entry.multiValue.map((v) => v.value) : [entry.value];
    for (const value of values) pairs.push([name, value]);
  }
  return pairs;
}

/** Answers the viewer with a response object a CloudFront Function returned (functions-event-structure). */
export function sendFunctionResponse(
  res: http.ServerResponse,
  method: string,
  response: CfResponse,
  context: Omit<ViewerResponseContext, "xCache">,
): void {
  const headers: [string, string][] = [["Server", "CloudFront"], ...valueMapPairs(response.headers)];
  for (const [name, cookie] of Object.entries(response.cookies ?? {})) {
    const entries = cookie.multiValue?.length ? cookie.multiValue : [cookie];
    for (const entry of entries) {
      headers.push([
        "Set-Cookie",
        `${name}=${entry.value}${entry.attributes ? `; ${entry.attributes}` : ""}`,
      ]);
    }
  }
  let body: Buffer | undefined;
  if (typeof response.body === "string") body = Buffer.from(response.body);
  else if (response.body) {
    body = Buffer.from(response.body.data ?? "", response.body.encoding === "base64" ? "base64" : "utf8");
  }
  if (body) headers.push(["Content-Length", String(body.length)]);
  headers.push(...cloudFrontResponseHeaders({ ...context, xCache: FUNCTION_RESPONSE_X_CACHE }));
  res.writeHead(response.statusCode, response.statusDescription, headers);
  res.end(method === "HEAD" ? undefined : body);
}
