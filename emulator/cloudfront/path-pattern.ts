/**
 * A cache behaviour's path pattern, as CloudFront matches it. Source: CloudFront developer guide, cache
 * behavior settings, "Path pattern"
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesCacheBehavior.html#DownloadDistValuesPathPattern),
 * read 2026-12-07:
 *
 * - behaviours are tried in the order they are listed; the first match applies; `Default (*)` is last;
 * - `*` matches 0 or more characters (`/` included: `images/*.jpg` covers subdirectories), `?` exactly one;
 * - patterns are case-sensitive; a leading `/` makes no difference; query strings and cookies are not
 *   considered;
 * - at most 255 characters, from A-Z a-z 0-9 _ - . * $ / ~ " ' @ : + and `&` (passed as `&amp;`), and
 *   the `?` wildcard the same section documents.
 *
 * Assumption: the path is compared as the viewer sent it (percent-encoding kept), since CloudFront
 * forwards it that way.
 */
import { CloudFrontConfigError } from "./errors.js";

const MAX_LENGTH = 255;
const ALLOWED = /^[A-Za-z0-9_\-.*?$/~"'@:+&]+$/;

/** Throws CloudFrontConfigError for a pattern the CloudFront API would refuse. */
export function checkPathPattern(pattern: string): void {
  if (pattern.length === 0 || pattern.length > MAX_LENGTH) {
    throw new CloudFrontConfigError(
      `Invalid path pattern ${JSON.stringify(pattern)}: it must be 1 to ${MAX_LENGTH} characters long.`,
    );
  }
  if (!ALLOWED.test(pattern)) {
    throw new CloudFrontConfigError(
      `Invalid path pattern ${JSON.stringify(pattern)}: only A-Z, a-z, 0-9, _ - . * ? $ / ~ " ' @ : + and & are allowed.`,
    );
  }
}

const withoutLeadingSlash = (text: string) => (text.startsWith("/") ? text.slice(1) : text);

/**
 * Whether a request path matches `pattern`.
 *
 * @example pathPatternMatcher("/api/*.json")("/api/v1/list.json") // true
 */
export function pathPatternMatcher(pattern: string): (path: string) => boolean {
  const source = [...withoutLeadingSlash(pattern)]
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  const regex = new RegExp(`^${source}$`, "s");
  return (path) => regex.test(withoutLeadingSlash(path));
}
