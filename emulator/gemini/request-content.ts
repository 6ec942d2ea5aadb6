/** Reading the parts of a GenerateContentRequest the stub reacts to. */

interface ContentLike {
  role?: unknown;
  parts?: unknown;
}

function textOf(content: ContentLike): string {
  if (!Array.isArray(content.parts)) return "";
  return content.parts
    .map((part: unknown) =>
      part && typeof part === "object" && typeof (part as { text?: unknown }).text === "string"
        ? (part as { text: string }).text
        : "",
    )
    .join("");
}

/**
 * The text of the last user turn: the last content whose role is `user` (or absent, which the API
 * treats as user), its text parts joined.
 */
export function lastUserMessage(contents: unknown): string {
  if (!Array.isArray(contents)) return "";
  for (let i = contents.length - 1; i >= 0; i--) {
    const content = contents[i] as ContentLike | null;
    if (!content || typeof content !== "object") continue;
    if (content.role === undefined || content.role === "user") return textOf(content);
  }
  return "";
}

/** All text in the request, for a token estimate. */
export function allText(request: Record<string, unknown>): string {
  const contents = Array.isArray(request.contents) ? (request.contents as ContentLike[]) : [];
  const system = request.systemInstruction;
  const systemText =
    typeof system === "string"
      ? system
      : system && typeof system === "object"
        ? textOf(system as ContentLike)
        : "";
  return (
    systemText +
    contents.map((content) => (content && typeof content === "object" ? textOf(content) : "")).join("")
  );
}
