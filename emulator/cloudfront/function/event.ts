/**
 * The `cloudfront-js-2.0` viewer-request event, built from the viewer's request, and the way a returned
 * request is turned back into what goes to the origin. Source: CloudFront developer guide,
 * functions-event-structure (docs/platform-facts.md#cloudfront-functions).
 */
import { isDisallowedHeader } from "./restrictions.js";

export interface CfValue {
  value: string;
  /** Present only when the name is repeated; lists every value, the first one included. */
  multiValue?: { value: string }[];
}
export type CfValueMap = Record<string, CfValue>;

export interface CfCookie {
  value: string;
  attributes?: string;
  multiValue?: { value: string; attributes?: string }[];
}

export interface CfRequest {
  method: string;
  uri: string;
  querystring: CfValueMap;
  headers: CfValueMap;
  cookies: Record<string, CfCookie>;
}

export interface ViewerRequestEvent {
  version: "1.0";
  context: {
    distributionDomainName: string;
    distributionId: string;
    eventType: "viewer-request";
    requestId: string;
  };
  viewer: { ip: string };
  request: CfRequest;
}

/** A response object: CloudFront answers the viewer with it and never calls the origin. */
export interface CfResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: CfValueMap;
  cookies?: Record<string, CfCookie>;
  body?: string | { encoding: "text" | "base64"; data: string };
}

/** The parts of a viewer request the event is built from. */
export interface ViewerRequestParts {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query string without `?` ("" when none). */
  rawQuery: string;
  /** Node's `rawHeaders`: name, value, name, value... in arrival order. */
  rawHeaders: string[];
}

function addValue(map: CfValueMap, name: string, value: string): void {
  const existing = map[name];
  if (!existing) {
    map[name] = { value };
    return;
  }
  existing.multiValue ??= [{ value: existing.value }];
  existing.multiValue.push({ value });
}

/**
 * Splits `a=1&b=2&a=3`. Names and values stay as the viewer sent them, percent-encoding included: "When
 * values in the request are UTF-8 encoded, CloudFront forwards the values to your function without
 * changing them" (edge-functions-restrictions, URI and query string encoding).
 */
export function parseQuerystring(rawQuery: string): CfValueMap {
  const map: CfValueMap = {};
  if (rawQuery === "") return map;
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    addValue(map, eq === -1 ? pair : pair.slice(0, eq), eq === -1 ? "" : pair.slice(eq + 1));
  }
  return map;
}

function parseCookies(headerValues: string[]): Record<string, CfCookie> {
  const cookies: CfValueMap = {};
  for (const header of headerValues) {
    for (const part of header.split(";")) {
      const item = part.trim();
      if (item === "") continue;
      const eq = item.indexOf("=");
      addValue(cookies, eq === -1 ? item : item.slice(0, eq), eq === -1 ? "" : item.slice(eq + 1));
    }
  }
  return cookies;
}

/** Builds the event; header names lower case, `Cookie` only under `cookies` (functions-event-structure). */
export function buildViewerRequestEvent(
  parts: ViewerRequestParts,
  context: { distributionDomainName: string; distributionId: string; requestId: string; viewerIp: string },
): ViewerRequestEvent {
  const headers: CfValueMap = {};
  const cookieHeaders: string[] = [];
  for (let i = 0; i + 1 < parts.rawHeaders.length; i += 2) {
    const name = (parts.rawHeaders[i] as string).toLowerCase();
    const value = parts.rawHeaders[i + 1] as string;
    if (name === "cookie") cookieHeaders.push(value);
    // Disallowed headers are "not exposed to edge functions" (edge-functions-restrictions).
    else if (!isDisallowedHeader(name)) addValue(headers, name, value);
  }
  return {
    version: "1.0",
    context: {
      distributionDomainName: context.distributionDomainName,
      distributionId: context.distributionId,
      eventType: "viewer-request",
      requestId: context.requestId,
    },
    viewer: { ip: context.viewerIp },
    request: {
      method: parts.method,
      uri: parts.path,
      querystring: parseQuerystring(parts.rawQuery),
      headers,
      cookies: parseCookies(cookieHeaders),
    },
  };
}

function values(entry: CfValue | CfCookie): string[] {
  return entry.multiValue && entry.multiValue.length > 0
    ? entry.multiValue.map((v) => v.value)
    : [entry.value];
}

/** What continues towards the origin after the function returned a request. */
export interface ForwardedRequest {
  path: string;
  rawQuery: string;
  /** Lower-case name, value pairs; repeated names stay repeated. */
  headers: [string, string][];
}

/** Turns a returned request back into a path, query and headers (the method is read-only, so not read). */
export function requestFromEvent(request: CfRequest): ForwardedRequest {
  const headers: [string, string][] = [];
  for (const [name, entry] of Object.entries(request.headers ?? {})) {
    for (const value of values(entry)) headers.push([name.toLowerCase(), value]);
  }
  const cookiePairs: string[] = [];
  for (const [name, entry] of Object.entries(request.cookies ?? {})) {
    for (const value of values(entry)) cookiePairs.push(`${name}=${value}`);
  }
  if (cookiePairs.length > 0) headers.push(["cookie", cookiePairs.join("; ")]);
  const queryPairs: string[] = [];
  for (const [name, entry] of Object.entries(request.querystring ?? {})) {
    for (const value of values(entry)) queryPairs.push(value === "" ? name : `${name}=${value}`);
  }
  return { path: request.uri, rawQuery: queryPairs.join("&"), headers };
}
