/**
 * Reads a rendered Vega SVG back (for tests): is it well-formed, which axis titles does it carry,
 * and which data does each named mark draw. Vega writes every mark's data into its `aria-label`
 * ("field title: value; ..."), so a chart can be checked against the samples it was built from.
 */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, e: string) => ENTITIES[e] ?? "");
}

/** Throws unless `svg` is one `<svg>` element whose tags all open and close in order. */
export function assertWellFormedSvg(svg: string): void {
  const trimmed = svg.trim();
  if (!trimmed.startsWith("<svg ") || !trimmed.endsWith("</svg>")) throw new Error("not an <svg> document");
  const stack: string[] = [];
  for (const m of trimmed.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (!closing) stack.push(name as string);
    else if (stack.pop() !== name) throw new Error(`unbalanced </${name}> at ${m.index}`);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join("><")}>`);
}

/** Axis titles, as Vega's axis descriptions name them ("X-axis titled '...'"). */
export function axisTitles(svg: string): string[] {
  return [...svg.matchAll(/aria-label="[XY]-axis titled '([^']*)'/g)].map((m) => decode(m[1] ?? ""));
}

/** Text of the chart's title and subtitle lines. */
export function titleTexts(svg: string): string[] {
  return [...svg.matchAll(/<g class="mark-text role-title-(?:text|subtitle)"[^>]*>(.*?)<\/g>/g)].flatMap(
    (g) => [...(g[1] ?? "").matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => decode(t[1] ?? "")),
  );
}

/**
 * The items of every mark group named `name` (a Vega-Lite layer's `name`), each as its aria-label's
 * fields: `{ "field title": "value" }`. Facets repeat a group once per cell; all cells are returned.
 */
export function markItems(svg: string, name: string): Record<string, string>[] {
  const groups = svg.matchAll(new RegExp(`<g class="mark-\\w+ role-mark ${name}_marks"[^>]*>(.*?)</g>`, "g"));
  return [...groups].flatMap((g) =>
    [...(g[1] ?? "").matchAll(/<(?:path|text|rect|line)\b[^>]*?aria-label="([^"]*)"/g)].map((m) =>
      Object.fromEntries(
        decode(m[1] ?? "")
          .split("; ")
          .map((pair) => {
            const cut = pair.indexOf(": ");
            return [pair.slice(0, cut), pair.slice(cut + 2)];
          }),
      ),
    ),
  );
}
