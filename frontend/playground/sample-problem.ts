/** The problem the playground shows, shaped like the solve page's `problemDetails`. */
import type { ProblemDetails } from "../src/lib/chat-types.js";

export const sampleProblem: ProblemDetails = {
  title: "Two Sum",
  description:
    "Given an array of integers `nums` and an integer `target`, return the indices of the two numbers " +
    "that add up to `target`. Each input has exactly one solution, and you may not use the same element twice. " +
    "Return the answer in any order.",
  constraints: ["2 <= nums.length <= 10^4", "-10^9 <= nums[i] <= 10^9", "Only one valid answer exists."],
  examples: [
    { input: "nums = [2,7,11,15], target = 9", output: "[0,1]", explanation: "nums[0] + nums[1] == 9" },
    { input: "nums = [3,2,4], target = 6", output: "[1,2]" },
    { input: "nums = [3,3], target = 6", output: "[0,1]" },
  ],
  language: "javascript",
};

/** Deliberately wrong (`j = i` lets an element pair with itself), so there is something to ask about. */
export const sampleCode = `function twoSum(nums, target) {
  for (let i = 0; i < nums.length; i++) {
    for (let j = i; j < nums.length; j++) {
      if (nums[i] + nums[j] === target) return [i, j];
    }
  }
  return [];
}
`;

export interface Example {
  input: string;
  output: string;
  explanation?: string;
}
