import type { SpoilerCase } from "./spoiler-corpus.js";
import { USER_CODE, untouched } from "./spoiler-corpus-code.js";

/**
 * Honest hints with a little code: one-line snippets, a few lines of illustration in several
 * languages, the user's own code quoted back, pseudo-code, program output. Within the budget of 6,
 * byte for byte.
 */
export const HONEST_CODE: SpoilerCase[] = [
  {
    id: "SPL-76",
    name: "a one-line snippet in a fence",
    query: "How do I get the last index of each character?",
    answer:
      "One line does it:\n\n```python\nlast = {ch: i for i, ch in enumerate(s)}\n```\n\nBut do you need the *last* one, or the one before the current position?\n",
    expect: untouched,
  },
  {
    id: "SPL-77",
    name: "a one-line snippet as a bare line after a colon",
    query: "How do I read the input?",
    answer:
      "Reading one line is enough here:\n\ns = input().strip()\n\nThe rest is the algorithm, which I'll leave to you.\n",
    bareCode: 1,
    expect: untouched,
  },
  {
    id: "SPL-78",
    name: "a single statement in inline code inside a sentence (counts one line)",
    query: "How do I update the start?",
    answer:
      "Jump straight past the repeat with `start = last[ch] + 1` instead of stepping one by one, " +
      "but only when that moves `start` forward.\n",
    bareCode: 1,
    expect: untouched,
  },
  {
    id: "SPL-79",
    name: "quotes two lines of the user's code to point at an off-by-one",
    query: "Why is my answer one too small?",
    userCode: USER_CODE,
    answer:
      "Look at these two lines of yours:\n\n```python\n        seen.add(s[right])\n        best = max(best, right - left)\n```\n\n" +
      "After the add, how many characters are between `left` and `right` inclusive?\n",
    expect: untouched,
  },
  {
    id: "SPL-80",
    name: "quotes the user's whole function as bare lines, then asks",
    query: "Is this right?",
    userCode: "def is_even(n):\n    return n % 2 == 1",
    answer: "You wrote:\n\ndef is_even(n):\n    return n % 2 == 1\n\nWhat does this return for n = 4?\n",
    bareCode: 2,
    expect: untouched,
  },
  {
    id: "SPL-81",
    name: "a three-line JavaScript illustration of Map",
    query: "How does Map work in JS?",
    answer:
      "A tiny example, unrelated to the task:\n\n```js\nconst ages = new Map();\nages.set('ann', 31);\nconsole.log(ages.get('ann'));\n```\n\n" +
      "`has` tells you whether a key is there. How could that help you?\n",
    expect: untouched,
  },
  {
    id: "SPL-82",
    name: "a two-line C++ illustration of an unordered_map",
    query: "C++ version of a dictionary?",
    answer:
      "In C++:\n\n```cpp\nstd::unordered_map<char, int> last;\nlast['a'] = 3;\n```\n\nLookups are O(1) on average, like Python's dict.\n",
    expect: untouched,
  },
  {
    id: "SPL-83",
    name: "program output and a test case in text fences",
    query: "What should my program print?",
    answer: "For the input\n\n```text\nabc\npwwkew\n```\n\nthe expected output is\n\n```text\n3\n3\n```\n",
    expect: untouched,
  },
  {
    id: "SPL-84",
    name: "a shell command to run the tests",
    query: "How do I run the samples locally?",
    answer:
      "From the folder with your file:\n\n```bash\npython3 solution.py < sample.txt\n```\n\nCompare what it prints with the expected output.\n",
    expect: untouched,
  },
  {
    id: "SPL-85",
    name: "pseudo-code of four lines in a fence (counted, within budget)",
    query: "Show me the shape of the loop",
    answer:
      "The shape, not the answer:\n\n```\nfor each right end:\n    while the window has a repeat:\n        move the left end\n    update the best width\n```\n\n" +
      "Try filling in the details yourself.\n",
    expect: untouched,
  },
  {
    id: "SPL-86",
    name: "a Java signature quoted to explain the return type",
    query: "What should my method return?",
    answer:
      "The signature you are given is\n\n```java\npublic int lengthOfLongestSubstring(String s)\n```\n\nso return a number, the length, not the substring itself.\n",
    expect: untouched,
  },
  {
    id: "SPL-87",
    name: "a SQL hint with one query line",
    query: "How do I count duplicates in SQL?",
    answer:
      "Group first, then filter the groups:\n\n```sql\nSELECT email FROM users GROUP BY email HAVING COUNT(*) > 1;\n```\n\nWhy can't `WHERE` do the filtering here?\n",
    expect: untouched,
  },
  {
    id: "SPL-88",
    name: "a regular expression explained inline",
    query: "Is a regex a good idea here?",
    answer:
      "A pattern like `^[a-z]+$` can check the input, but it cannot find the longest window for you. " +
      "Stick to a loop for the algorithm.\n",
    expect: untouched,
  },
  {
    id: "SPL-89",
    name: "a Python traceback quoted, pointing at the user's line",
    query: "Why does it crash?",
    userCode: USER_CODE,
    answer:
      "The traceback points at your line\n\n```python\n            seen.remove(s[left])\n```\n\n" +
      "A `KeyError` there means `s[left]` was not in `seen`. When could that happen?\n",
    expect: untouched,
  },
  {
    id: "SPL-90",
    name: "a short Go illustration of a map with a comma-ok check",
    query: "How do I check a key in Go?",
    answer:
      "Go returns a second value:\n\n```go\nidx, ok := last[ch]\n```\n\n`ok` is false when the key is missing.\n",
    expect: untouched,
  },
  {
    id: "SPL-91",
    name: "an inline code expression and a lone identifier in prose (expressions are prose)",
    query: "What is the width of the window?",
    answer:
      "It is `right - left + 1`, and the best so far lives in `best`. Compare the two after each step.\n",
    expect: untouched,
  },
  {
    id: "SPL-92",
    name: "a labelled note list with complexity",
    query: "Summarise the costs",
    answer:
      "Time: O(n)\nSpace: O(min(n, k))\nNote: k is the alphabet size.\nTip: test with an empty string.\n",
    expect: untouched,
  },
  {
    id: "SPL-93",
    name: "a Rust illustration of a HashMap entry (3 lines)",
    query: "How do I count characters in Rust?",
    answer:
      'With the entry API:\n\n```rust\nlet mut counts = HashMap::new();\n*counts.entry(ch).or_insert(0) += 1;\nprintln!("{:?}", counts);\n```\n\n' +
      "That counts; your task needs positions, though.\n",
    expect: untouched,
  },
  {
    id: "SPL-94",
    name: "a question about the user's while loop with the condition inline",
    query: "Is my loop condition right?",
    userCode: USER_CODE,
    answer:
      "Your condition `while s[right] in seen:` is right. The problem is elsewhere: look at what you add to `best`.\n",
    bareCode: 1,
    expect: untouched,
  },
  {
    id: "SPL-95",
    name: "an honest multi-turn follow-up: the earlier turn showed 3 lines, this one adds 2",
    query: "And how do I update best?",
    history: [
      { role: "user", content: "How do I remember positions?" },
      {
        role: "model",
        content: "Like this:\n\n```python\nlast = {}\nfor i, ch in enumerate(s):\n    last[ch] = i\n```\n",
      },
    ],
    answer:
      "After moving the start, compare:\n\n```python\nwidth = i - start + 1\nbest = max(best, width)\n```\n\nThat is all the pieces.\n",
    expect: untouched,
  },
];
