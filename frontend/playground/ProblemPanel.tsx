/** The left half of the playground: the sample problem, its examples, and the code the tutor is asked about. */
import { Markdown } from "../src/components/Markdown.js";
import { type Example, sampleProblem } from "./sample-problem.js";

export function ProblemPanel({ code, onCodeChange }: { code: string; onCodeChange: (code: string) => void }) {
  const examples = (sampleProblem.examples ?? []) as Example[];
  return (
    <section className="problem" aria-label="Problem">
      <h2>{sampleProblem.title}</h2>
      <Markdown text={sampleProblem.description} />
      <h3>Examples</h3>
      <ol className="problem__examples">
        {examples.map((example) => (
          <li key={example.input}>
            <pre>
              Input: {example.input}
              {"\n"}Output: {example.output}
              {example.explanation === undefined ? "" : `\nExplanation: ${example.explanation}`}
            </pre>
          </li>
        ))}
      </ol>
      <label className="problem__editor">
        Your code
        <textarea
          value={code}
          onChange={(e) => onCodeChange(e.target.value)}
          spellCheck={false}
          rows={14}
          data-testid="playground-code"
        />
      </label>
    </section>
  );
}
