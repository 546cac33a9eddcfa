import { describe, expect, it } from 'vitest';
import { compileLike } from '../../../sim/model/like';

/** The textbook dynamic-programming LIKE, as an oracle for small inputs. */
function oracle(pattern: string, text: string): boolean {
  const tokens: Array<{ any: boolean; one: boolean; char: string }> = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) tokens.push({ any: false, one: false, char: pattern[++i]! });
    else tokens.push({ any: c === '%', one: c === '_', char: c });
  }
  let row = new Array<boolean>(text.length + 1).fill(false);
  row[0] = true;
  for (const token of tokens) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    for (let j = 0; j <= text.length; j++) {
      if (token.any) next[j] = row[j]! || (j > 0 && next[j - 1]!);
      else if (j > 0) next[j] = row[j - 1]! && (token.one || text[j - 1] === token.char);
    }
    row = next;
  }
  return row[text.length]!;
}

describe('LIKE without regular expressions', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['a%', 'abcd', true],
    ['%d', 'abcd', true],
    ['%b%', 'abcd', true],
    ['%x%', 'abcd', false],
    ['a_c', 'abc', true],
    ['a_c', 'ac', false],
    ['%', '', true],
    ['', '', true],
    ['_', '', false],
    ['%a%a%a%Z', 'a'.repeat(50) + 'Z', true],
    ['%a%a%a%Z', 'a'.repeat(50), false],
    ['ab%ab', 'ab', false],
    ['ab%ab', 'abab', true],
    ['100\\%', '100%', true],
    ['100\\%', '1000', false],
    ['a\\_c', 'abc', false],
    ['a\\_c', 'a_c', true],
    ['%.*%', 'regex .* chars', true],
    ['%(a+)+$', 'x(a+)+$', true],
  ])('%s ~ %s is %s', (pattern, text, expected) => {
    expect(compileLike(pattern, false).test(text)).toBe(expected);
    expect(oracle(pattern, text)).toBe(expected);
  });

  it('ilike ignores case; Like does not', () => {
    expect(compileLike('%MARTIN%', true).test('Alice Martin')).toBe(true);
    expect(compileLike('%MARTIN%', false).test('Alice Martin')).toBe(false);
  });

  it('agrees with the oracle on thousands of random small cases, segments longer than a word included', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pick = (alphabet: string, length: number) =>
      Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    for (let i = 0; i < 5000; i++) {
      const pattern = pick('ab%_', random(9));
      const text = pick('ab', random(12));
      expect(compileLike(pattern, false).test(text), `${pattern} ~ ${text}`).toBe(oracle(pattern, text));
    }
    // Segments of 33 to 100 characters (several 32-bit words), on texts made to match, then mutated.
    for (let i = 0; i < 500; i++) {
      const segments = Array.from({ length: 1 + random(3) }, () => pick('ab_', 33 + random(68)));
      const pattern = `${random(2) ? '%' : ''}${segments.join('%')}${random(2) ? '%' : ''}`;
      const text = [...pattern].map((c) =>
        c === '_' ? pick('ab', 1) : c === '%' ? pick('ab', random(5)) : c,
      );
      if (random(2)) {
        const at = random(text.length);
        text[at] = text[at] === 'a' ? 'b' : 'a';
      }
      const joined = text.join('');
      expect(compileLike(pattern, false).test(joined), `${pattern} ~ ${joined}`).toBe(
        oracle(pattern, joined),
      );
    }
  });
});
