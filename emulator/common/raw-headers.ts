/** Node's rawHeaders (name, value, name, value, ...) as `[lower-case name, value]` pairs, in order, repeats kept. */
export function lowerCasePairs(rawHeaders: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    pairs.push([(rawHeaders[i] as string).toLowerCase(), rawHeaders[i + 1] as string]);
  }
  return pairs;
}
