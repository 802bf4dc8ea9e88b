/**
 * `target.push(...items)` without the spread: a spread passes every item as an argument, and a few
 * hundred thousand objects (a large side of a change) exceed the call stack.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
