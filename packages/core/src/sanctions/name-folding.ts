import { jaroWinkler as skyraJaroWinkler } from '@skyra/jaro-winkler';

/**
 * Name folding for matching Persian and Arabic names across transliterations. A name is cut into tokens
 * (diacritics dropped, case and punctuation ignored), and each token gets two keys:
 * - its folded spelling, where spellings that stand for the same sound agree (`ou`/`oo`/`u`, `ee`/`i`,
 *   `gh`/`q`, `kh`/`x`, `ph`/`f`, `w`/`v`, `zh`/`j`, doubled letters, `al`/`el`/`ol`/`ul`);
 * - its consonant skeleton, the folded spelling without vowels after the first letter, so that `MOHAMMAD`,
 *   `MUHAMMED` and `MOHAMED` all give `mhmd`, and `HOSSEIN`, `HUSAYN` give `hsn`.
 * Equal skeletons are evidence, not proof: a match on the skeleton alone scores below a folded match.
 */

const foldings: readonly (readonly [RegExp, string])[] = [
  [/kh/g, 'x'],
  [/gh/g, 'q'],
  [/ph/g, 'f'],
  [/zh/g, 'j'],
  [/dh/g, 'z'],
  [/w/g, 'v'],
  [/(?:ou|oo)/g, 'u'],
  [/(?:ee|ie)/g, 'i'],
  [/aa/g, 'a'],
  [/ck/g, 'k'],
  [/([b-df-hj-np-tv-z])\1/g, '$1'],
];

/** The tokens of a name: lower-case letters and digits, diacritics dropped, split at everything else. */
export function nameTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0);
}

/** Spellings of the Arabic article `al-` in romanised names (`Khatam ol Anbia`, `Abd el Aziz`). */
const article = /^(?:el|ol|ul|al)$/;

/** A token's folded spelling (see the module comment); the article's spellings all fold to `al`. */
export function foldToken(token: string): string {
  if (article.test(token)) return 'al';
  let folded = token;
  for (const [pattern, replacement] of foldings) folded = folded.replace(pattern, replacement);
  return folded;
}

/** A token's consonant skeleton: the folded spelling without vowels (and `y`, `h` between) after its first letter. */
export function skeletonOf(token: string): string {
  const folded = foldToken(token);
  return (
    folded[0] +
    folded
      .slice(1)
      .replace(/[aeiouy]/g, '')
      .replace(/([a-z])\1+/g, '$1')
  );
}

/**
 * Jaro-Winkler similarity of two strings, 0 (nothing alike) to 1 (equal), with the usual prefix scale of
 * 0.1 over at most four characters: the maintained `@skyra/jaro-winkler`, with equal strings (empty ones
 * too) scoring 1.
 */
export function jaroWinkler(a: string, b: string): number {
  return a === b ? 1 : skyraJaroWinkler(a, b);
}
