/**
 * The `CloudFront-*` headers CloudFront adds to origin requests under Managed-AllViewerExceptHostHeader,
 * and the `Via` it adds. Sources: aws-facts.md ("Where the first emulator diverged", CloudFront); CloudFront
 * developer guide, "Adding CloudFront request headers" (names, values, overwriting viewer values).
 * The sources disagree on whether this policy adds them: the guide's 2023 text
 * (awsdocs/amazon-cloudfront-developer-guide@5999c0d, using-managed-origin-request-policies.md) lists
 * only "All headers in the viewer request except for the Host header"; the audit in aws-facts.md says
 * they are added. Assumption: they are added (switch: `cloudFrontHeaders: false`). Geolocation headers
 * other than the country, the ASN, JA3/JA4 and TLS details are left out (a loopback viewer has none).
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

/** Lower-case name, value pairs; they overwrite viewer headers of the same names (same guide page). */
export function cloudFrontViewerHeaders(viewer: ViewerFacts): [string, string][] {
  const flags = Object.entries(deviceFlags(viewer.userAgent ?? "")).map(([name, on]): [string, string] => [
    name,
    on ? "true" : "false",
  ]);
  return [
    ["cloudfront-forwarded-proto", viewer.protocol],
    ...flags,
    ["cloudfront-viewer-address", `${viewer.ip}:${viewer.port}`],
    ["cloudfront-viewer-country", viewer.country],
    ["cloudfront-viewer-http-version", viewer.httpVersion],
  ];
}

export function isCloudFrontViewerHeader(name: string): boolean {
  return name.startsWith("cloudfront-");
}

/** CloudFront's `Via` on the origin request, after any the viewer sent: `1.1 <id>.cloudfront.net (CloudFront)`. */
export function originVia(viewerVia: string[], httpVersion: string, edgeHostId: string): string {
  return [...viewerVia, `${httpVersion} ${edgeHostId}.cloudfront.net (CloudFront)`].join(", ");
}
