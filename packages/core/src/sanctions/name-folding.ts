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
 * 0.1 over at most four characters. Allocation-light: one boolean array per call.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const matchedB = new Uint8Array(b.length);
  const matchedA = new Uint8Array(a.length);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] || a[i] !== b[j]) continue;
      matchedA[i] = 1;
      matchedB[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
