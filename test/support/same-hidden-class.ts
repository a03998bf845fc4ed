import * as v8 from 'node:v8';

// V8's own answer to "do these two objects share a hidden class (map)?". The flag only lets code
// compiled after it is set use `%` natives syntax (so the check is compiled here, after setting it);
// it stays on for the rest of the mocha process, where no other code uses that syntax.
v8.setFlagsFromString('--allow-natives-syntax');
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b);') as (a: object, b: object) => boolean;
const hasFastProperties = new Function('o', 'return %HasFastProperties(o);') as (o: object) => boolean;

/**
 * How many of `objects` have a different hidden class from the one before: 0
 * when every object of one shape shares one. An object built with a fresh class
 * each time makes every inline cache that reads it miss (issue 15).
 */
export function freshHiddenClasses(objects: readonly object[]): number {
  let fresh = 0;
  for (let i = 1; i < objects.length; i++) if (!haveSameMap(objects[i - 1] as object, objects[i] as object)) fresh++;
  return fresh;
}

/**
 * How many of `objects` V8 keeps in dictionary mode (a hash table of properties,
 * read by lookup rather than at a fixed offset): 0 when every one is a fast object.
 */
export function dictionaryModeObjects(objects: readonly object[]): number {
  return objects.filter((o) => !hasFastProperties(o)).length;
}
