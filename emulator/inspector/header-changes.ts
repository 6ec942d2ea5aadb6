/** What a CloudFront Function changed in the request's headers, by name only (values may be secrets). */
export function headerChanges(
  before: readonly (readonly [string, string])[],
  after: readonly (readonly [string, string])[],
): { added: string[]; removed: string[]; changed: string[] } {
  const group = (pairs: readonly (readonly [string, string])[]) => {
    const map = new Map<string, string[]>();
    for (const [name, value] of pairs) map.set(name, [...(map.get(name) ?? []), value]);
    return map;
  };
  const was = group(before);
  const now = group(after);
  const added = [...now.keys()].filter((name) => !was.has(name));
  const removed = [...was.keys()].filter((name) => !now.has(name));
  const changed = [...now.keys()].filter(
    (name) => was.has(name) && (was.get(name) ?? []).join("\n") !== (now.get(name) ?? []).join("\n"),
  );
  return { added, removed, changed };
}
