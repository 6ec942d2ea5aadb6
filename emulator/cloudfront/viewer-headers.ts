/**
 * The `CloudFront-*` headers CloudFront can add to an origin request when the origin request policy
 * asks for them (origin-request-policy.ts); its `Via` is added in origin-headers.ts. Source: CloudFront developer guide,
 * "Adding CloudFront request headers" (names, values, overwriting viewer values), read 2026-12-07.
 * Assumption: a policy asking for geolocation headers other than the country, the ASN, JA3/JA4 or TLS
 * details gets none of those (a loopback viewer has none).
 */

export interface ViewerFacts {
  /** The viewer's address and source port (`CloudFront-Viewer-Address: 198.51.100.10:46532`). */
  ip: string;
  port: number;
  /** The viewer's protocol, `http` or `https` (`CloudFront-Forwarded-Proto`). */
  protocol: "http" | "https";
  /** `1.1`, `2.0`, ... (`CloudFront-Viewer-Http-Version`). */
  httpVersion: string;
  userAgent: string | undefined;
  /** Two-letter code for `CloudFront-Viewer-Country`. Assumption: loopback has no country; default "US". */
  country: string;
}

/**
 * Device classes from `User-Agent`. Assumption: CloudFront's rules are unpublished; these patterns
 * follow the documented meaning (a tablet may also be mobile; desktop when nothing else matches).
 */
function deviceFlags(userAgent: string): Record<string, boolean> {
  const android = /Android/i.test(userAgent);
  const ios = /iPhone|iPad|iPod/i.test(userAgent);
  const tablet = /iPad|Tablet|Android(?!.*Mobile)/i.test(userAgent);
  const mobile = /Mobi|iPhone|iPod|Android/i.test(userAgent);
  const smartTv = /SmartTV|SMART-TV|HbbTV|AppleTV|GoogleTV|\bTV\b/i.test(userAgent);
  return {
    "cloudfront-is-android-viewer": android,
    "cloudfront-is-desktop-viewer": !(mobile || tablet || smartTv),
    "cloudfront-is-ios-viewer": ios,
    "cloudfront-is-mobile-viewer": mobile,
    "cloudfront-is-smarttv-viewer": smartTv,
    "cloudfront-is-tablet-viewer": tablet,
  };
}

/**
 * Lower-case name, value pairs of the `wanted` headers; they overwrite viewer headers of the same names
 * (same guide page).
 */
export function cloudFrontViewerHeaders(
  viewer: ViewerFacts,
  wanted: ReadonlySet<string>,
): [string, string][] {
  const flags = Object.entries(deviceFlags(viewer.userAgent ?? "")).map(([name, on]): [string, string] => [
    name,
    on ? "true" : "false",
  ]);
  const all: [string, string][] = [
    ["cloudfront-forwarded-proto", viewer.protocol],
    ...flags,
    ["cloudfront-viewer-address", `${viewer.ip}:${viewer.port}`],
    ["cloudfront-viewer-country", viewer.country],
    ["cloudfront-viewer-http-version", viewer.httpVersion],
  ];
  return all.filter(([name]) => wanted.has(name));
}
