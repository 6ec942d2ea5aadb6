import { viewerRequest } from "./viewer-request.js";

/** The sample question the banner's curl command asks. */
export const SAMPLE_REQUEST = {
  problemDetails: {
    title: "Two Sum",
    description:
      "Given an array of integers nums and an integer target, return indices of the two numbers that add up to target.",
  },
  userCode:
    "function twoSum(nums, target) {\n  for (let i = 0; i < nums.length; i++) {\n    for (let j = 0; j < nums.length; j++) {\n      if (nums[i] + nums[j] === target) return [i, j];\n    }\n  }\n}",
  history: [],
  query: "Why is my solution slow, and what should I look at first?",
} as const;

/** Quotes a string for a POSIX shell (single quotes; embedded ones closed and escaped). */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

/**
 * A curl command that works as printed: the exact body bytes, their SHA-256 for
 * `x-amz-content-sha256` (OAC signs with it; Lambda checks it), and the bearer token.
 */
export function curlCommand(endpoint: string, idToken: string, request: unknown = SAMPLE_REQUEST): string {
  const { body, headers } = viewerRequest(request, idToken);
  return [
    `curl -N -X POST ${shellQuote(endpoint)}`,
    ...Object.entries(headers).map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)}`),
    `  --data-binary ${shellQuote(body)}`,
  ].join(" \\\n");
}
