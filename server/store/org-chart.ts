/**
 * The reporting line above `id`, following `managerOf`, if it comes back to a
 * person: the ids of that loop with the repeated one at both ends
 * (`['a', 'b', 'a']`). Null when the line ends at someone without a manager
 * (or at an id `managerOf` does not know). An org chart with a loop has no
 * top, and anything that walks it upwards would never finish.
 */
export function managerCycle(id: string, managerOf: (id: string) => string | null | undefined): string[] | null {
  const line: string[] = [];
  const position = new Map<string, number>();
  for (let current: string | null | undefined = id; current != null; current = managerOf(current)) {
    const seen = position.get(current);
    if (seen !== undefined) return [...line.slice(seen), current];
    position.set(current, line.length);
    line.push(current);
  }
  return null;
}
