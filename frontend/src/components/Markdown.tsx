/**
 * Renders a tutor answer as Markdown. Sanitised by construction: raw HTML in the text is dropped
 * (`skipHtml`, and no rehype-raw), and react-markdown's default URL transform removes `javascript:`
 * and other unsafe links, so a model answer cannot inject markup or script.
 */
import ReactMarkdown, { type Components } from "react-markdown";

const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
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
