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
