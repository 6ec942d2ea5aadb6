/**
 * Renders a tutor answer as Markdown (CommonMark, react-markdown). Sanitised by construction, because the
 * text is the model's and a prompt injection in the problem or the user's code can steer it:
 *
 * - raw HTML in the text is dropped (`skipHtml`, and no rehype-raw): no markup, no script, no `<img>`;
 * - react-markdown's default URL transform removes `javascript:` and other unsafe link targets;
 * - nothing is fetched on render: a Markdown image (`![alt](url)`, by reference too) is never loaded,
 *   only its alt text is shown. An image the model names would otherwise make the browser send the
 *   URL (and whatever the model packed into it, such as the user's code) to any host, unasked: a known
 *   exfiltration path in LLM chat pages. Links stay links the user must click, opened with no referrer.
 *
 * Browsers may still resolve the host names of links ahead of a click (DNS prefetch); a page that shows
 * answers should turn that off (`<meta http-equiv="x-dns-prefetch-control" content="off">`, as the
 * playground does).
 */
import type { ComponentProps } from "react";
import ReactMarkdown, { type Components, type ExtraProps } from "react-markdown";

/** What stands in for an image: its description, never a request to its URL. */
function ImageNotLoaded({ alt }: ComponentProps<"img"> & ExtraProps) {
  const text = alt?.trim();
  return <span className="chatbot__image">[image not shown{text ? `: ${text}` : ""}]</span>;
}

const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
  img: ImageNotLoaded,
};

export function Markdown({ text }: { text: string }) {
  return (
    <div className="chatbot__markdown">
      <ReactMarkdown skipHtml components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
