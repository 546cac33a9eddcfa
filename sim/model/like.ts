/**
 * SQL LIKE without regular expressions, in time linear in the text: a client's pattern is data,
 * never a program (a backtracking regex built from `%a%a%a%Z` took tens of seconds on one long
 * description and froze the server for every client).
 *
 * `%` is any run of characters, `_` one character, a backslash takes the next character literally
 * (PostgreSQL's default escape). The pattern splits at `%` into segments: the first must match at
 * the start, the last at the end, and each one between at its leftmost place after the previous
 * one — greedy leftmost matching is exact when only `%` separates the segments. A literal segment
 * is found with the engine's substring search; one with `_` with the bit-parallel shift-and
 * algorithm (`_` sets every character's bit), which reads each text character once per 32 pattern
 * characters and never goes back. Each search starts where the previous one ended.
 */

const WILDCARD = -1;
type Segment = readonly number[];

export interface LikePattern {
  test(text: string): boolean;
}

export function compileLike(pattern: string, caseInsensitive: boolean): LikePattern {
  const source = caseInsensitive ? pattern.toLowerCase() : pattern;
  const segments: number[][] = [[]];
  for (let i = 0; i < source.length; i++) {
    const char = source.charCodeAt(i);
    if (char === 0x5c /* \ */ && i + 1 < source.length) {
      segments.at(-1)!.push(source.charCodeAt(++i));
    } else if (char === 0x25 /* % */) {
      segments.push([]);
    } else {
      segments.at(-1)!.push(char === 0x5f /* _ */ ? WILDCARD : char);
    }
  }
  const first = segments[0]!;
  const last = segments.length > 1 ? segments.at(-1)! : null;
  const middle = segments
    .slice(1, -1)
    .filter((segment) => segment.length > 0)
    .map(compileSearch);
  return {
    test(value: string): boolean {
      const text = caseInsensitive ? value.toLowerCase() : value;
      if (last === null) return text.length === first.length && matchesAt(text, 0, first);
      if (!matchesAt(text, 0, first)) return false;
      const end = text.length - last.length;
      if (end < first.length || !matchesAt(text, end, last)) return false;
      let position = first.length;
      for (const search of middle) {
        const found = search(text, position, end);
        if (found < 0) return false;
        position = found;
      }
      return true;
    },
  };
}

function matchesAt(text: string, at: number, segment: Segment): boolean {
  if (at + segment.length > text.length) return false;
  for (let i = 0; i < segment.length; i++) {
    const want = segment[i]!;
    if (want !== WILDCARD && text.charCodeAt(at + i) !== want) return false;
  }
  return true;
}

/**
 * Shift-and over 32-bit words: bit i of the state is set when the last i+1 text characters match
 * the segment's first i+1. Returns a function giving the end of the leftmost match that lies
 * within [from, to), or -1.
 */
function compileSearch(segment: Segment): (text: string, from: number, to: number) => number {
  const length = segment.length;
  if (!segment.includes(WILDCARD)) {
    // No `_`: the engine's substring search (linear for a first occurrence) is the fastest way.
    const literal = String.fromCharCode(...segment);
    return (text, from, to) => {
      const found = text.indexOf(literal, from);
      return found < 0 || found + length > to ? -1 : found + length;
    };
  }
  const words = Math.ceil(length / 32);
  const anyChar = new Uint32Array(words);
  const masks = new Map<number, Uint32Array>();
  segment.forEach((char, i) => {
    if (char === WILDCARD) anyChar[i >>> 5]! |= 1 << (i & 31);
  });
  segment.forEach((char, i) => {
    if (char === WILDCARD) return;
    let mask = masks.get(char);
    if (!mask) {
      mask = Uint32Array.from(anyChar);
      masks.set(char, mask);
    }
    mask[i >>> 5]! |= 1 << (i & 31);
  });
  const lastWord = (length - 1) >>> 5;
  const lastBit = 1 << ((length - 1) & 31);
  const state = new Uint32Array(words);
  return (text, from, to) => {
    if (to - from < length) return -1;
    state.fill(0);
    for (let j = from; j < to; j++) {
      const mask = masks.get(text.charCodeAt(j)) ?? anyChar;
      // state = ((state << 1) | 1) & mask, carried across words.
      let carry = 1;
      for (let w = 0; w < words; w++) {
        const word = state[w]!;
        state[w] = ((word << 1) | carry) & mask[w]!;
        carry = word >>> 31;
      }
      if (state[lastWord]! & lastBit) return j + 1;
    }
    return -1;
  };
}
