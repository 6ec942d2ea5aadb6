/**
 * Runs tasks a few at a time: each fixture starts its own Function URL and container, and most of a
 * fixture's time is spent waiting (cold starts, timeouts), so a handful side by side overlap the waits
 * without starving 2 cores. Results come back in the tasks' order.
 */
export async function runAll<T>(tasks: (() => Promise<T>)[], parallel: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const at = next++;
      results[at] = await (tasks[at] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return results;
}
