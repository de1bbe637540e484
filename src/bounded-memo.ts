/**
 * A pure function's results kept for repeated arguments (builds format the same durations and
 * scalars hundreds of thousands of times), forgotten wholesale past `limit` entries so a
 * long-lived process such as a test runner cannot grow without bound.
 */
export function boundedMemo<K, V>(limit: number, compute: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    // One lookup for a hit; a second only to tell a remembered undefined from a miss.
    const remembered = known.get(key);
    if (remembered !== undefined || known.has(key)) return remembered as V;
    const value = compute(key);
    if (known.size >= limit) known.clear();
    known.set(key, value);
    return value;
  };
}
