/**
 * A value shared by every request that reads it (a cached row, a remembered selection) frozen with
 * everything inside it: a caller that changed it would change it for all, and now throws instead.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * `compute(value)`, remembered in `memo` when `value` is frozen (it cannot change, so neither can the
 * answer; the answer is then shared, and frozen too); computed afresh for a value that may change.
 */
export function rememberedFor<K extends object, V>(memo: WeakMap<K, V>, value: K, compute: (value: K) => V): V {
  if (!Object.isFrozen(value)) return compute(value);
  let found = memo.get(value);
  if (found === undefined) memo.set(value, (found = Object.freeze(compute(value))));
  return found;
}
