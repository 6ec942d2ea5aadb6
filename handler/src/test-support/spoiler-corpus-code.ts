/** Code and helpers the spoiler corpus builds its answers from. */

/** A Python solution to "longest substring without repeating characters", 20 lines. */
export const PY = [
  "def length_of_longest_substring(s: str) -> int:",
  "    last_seen = {}",
  "    best = 0",
  "    start = 0",
  "    for i, ch in enumerate(s):",
  "        if ch in last_seen and last_seen[ch] >= start:",
  "            start = last_seen[ch] + 1",
  "        last_seen[ch] = i",
  "        width = i - start + 1",
  "        if width > best:",
  "            best = width",
  "    return best",
  "",
  "",
  "def main() -> None:",
  "    import sys",
  "    data = sys.stdin.read().split()",
  "    for word in data:",
  "        print(length_of_longest_substring(word))",
  "main()",
];

/** The same in JavaScript, 14 lines. */
export const JS = [
  "function lengthOfLongestSubstring(s) {",
  "  const lastSeen = new Map();",
  "  let best = 0;",
  "  let start = 0;",
  "  for (let i = 0; i < s.length; i++) {",
  "    const ch = s[i];",
  "    if (lastSeen.has(ch) && lastSeen.get(ch) >= start) {",
  "      start = lastSeen.get(ch) + 1;",
  "    }",
  "    lastSeen.set(ch, i);",
  "    best = Math.max(best, i - start + 1);",
  "  }",
  "  return best;",
  "}",
];

/** The same in Java, 14 lines. */
export const JAVA = [
  "class Solution {",
  "    public int lengthOfLongestSubstring(String s) {",
  "        java.util.Map<Character, Integer> lastSeen = new java.util.HashMap<>();",
  "        int best = 0, start = 0;",
  "        for (int i = 0; i < s.length(); i++) {",
  "            char ch = s.charAt(i);",
  "            if (lastSeen.containsKey(ch) && lastSeen.get(ch) >= start) {",
  "                start = lastSeen.get(ch) + 1;",
  "            }",
  "            lastSeen.put(ch, i);",
  "            best = Math.max(best, i - start + 1);",
  "        }",
  "        return best;",
  "    }",
];

/** The student's own (buggy) attempt, quoted back by honest answers. */
export const USER_CODE = [
  "def length_of_longest_substring(s):",
  "    seen = set()",
  "    best = 0",
  "    left = 0",
  "    for right in range(len(s)):",
  "        while s[right] in seen:",
  "            seen.remove(s[left])",
  "            left += 1",
  "        seen.add(s[right])",
  "        best = max(best, right - left)",
  "    return best",
  "",
  "print(length_of_longest_substring(input()))",
  "print(length_of_longest_substring('abcabcbb'))",
].join("\n");

export const lines = (code: string[], from = 0, to = code.length) => `${code.slice(from, to).join("\n")}\n`;
export const fence = (code: string[], open = "```python", close = "```", from = 0, to = code.length) =>
  `${open}\n${lines(code, from, to)}${close}\n`;
export const prefixed = (prefix: string, text: string) =>
  text
    .split("\n")
    .map((l, i, all) => (i === all.length - 1 && l === "" ? "" : `${prefix}${l}`))
    .join("\n");
export const untouched = { kind: "untouched" } as const;
export const withheld = (hidden: string[], kept: string[] = []) =>
  ({ kind: "withheld", hidden, kept }) as const;

/** Lines of the Python solution that only a full solution shows (the loop's heart and the driver). */
export const PY_TAIL = ["            best = width", "        print(length_of_longest_substring(word))"];

/** A complete short solution (Two Sum), 7 lines: the budget of 6 must keep it out. */
export const TWO_SUM_PY = [
  "def two_sum(nums, target):",
  "    seen = {}",
  "    for i, n in enumerate(nums):",
  "        if target - n in seen:",
  "            return [seen[target - n], i]",
  "        seen[n] = i",
  "    return []",
];

/** The same in JavaScript, 8 lines (the `for` header counts 3). */
export const TWO_SUM_JS = [
  "function twoSum(nums, target) {",
  "  const seen = new Map();",
  "  for (let i = 0; i < nums.length; i++) {",
  "    const need = target - nums[i];",
  "    if (seen.has(need)) return [seen.get(need), i];",
  "    seen.set(nums[i], i);",
  "  }",
  "}",
];

/** The Python solution without blank lines and without its driver: 12 lines of code. */
export const PY_CORE = PY.slice(0, 12);
