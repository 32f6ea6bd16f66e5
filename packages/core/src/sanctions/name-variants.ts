/**
 * The variants screening meets in party names, as token classes: each class maps its spellings to one
 * canonical token and says what kind of word it is, so that `Co`, `Company` and `Cie` compare equal and count
 * for little, while `Sepah` counts for much.
 * - legal forms (Ltd, LLC, PJSC, Est, ...) and the field's common abbreviations (Intl, Org, Ind, ...);
 * - near words that stand for one another in names (Air, Airlines, Airways; Shipping, Lines);
 * - Persian and Arabic particles and honorifics (al-, bin, Seyed, Haj, Sheikh, ...);
 * - stop words (of, the, and, ...).
 * Multi-word legal forms ("public joint stock company") become their abbreviation first.
 */

/** What a token is in a name: a word that identifies, or one that many names share and that counts for little. */
export type TokenRole = 'word' | 'legal form' | 'particle' | 'stop word';

/** How much a token of each role weighs against a word of the same rarity. */
export const roleWeight: Readonly<Record<TokenRole, number>> = {
  word: 1,
  'legal form': 0.15,
  particle: 0.15,
  'stop word': 0.05,
};

interface TokenClass {
  readonly role: TokenRole;
  readonly canonical: string;
  /** What the class is, for the reasons a match gives ("abbreviation of International"). */
  readonly label: string;
  readonly spellings: readonly string[];
}

const classes: readonly TokenClass[] = [
  {
    role: 'legal form',
    canonical: 'co',
    label: 'company',
    spellings: ['co', 'company', 'companies', 'cie', 'compania', 'companhia', 'kompany'],
  },
  {
    role: 'legal form',
    canonical: 'corp',
    label: 'corporation',
    spellings: ['corp', 'corporation', 'corpn'],
  },
  { role: 'legal form', canonical: 'inc', label: 'incorporated', spellings: ['inc', 'incorporated'] },
  { role: 'legal form', canonical: 'ltd', label: 'limited', spellings: ['ltd', 'limited', 'ltda', 'lmtd'] },
  {
    role: 'legal form',
    canonical: 'llc',
    label: 'limited liability company',
    spellings: ['llc', 'llp', 'fzllc'],
  },
  { role: 'legal form', canonical: 'plc', label: 'public limited company', spellings: ['plc'] },
  {
    role: 'legal form',
    canonical: 'pjsc',
    label: 'public joint stock company',
    spellings: ['pjsc', 'pao', 'ojsc', 'oao'],
  },
  {
    role: 'legal form',
    canonical: 'jsc',
    label: 'joint stock company',
    spellings: ['jsc', 'cjsc', 'zao', 'ao', 'pjs'],
  },
  {
    role: 'legal form',
    canonical: 'fze',
    label: 'free zone establishment',
    spellings: ['fze', 'fzco', 'fzc', 'fzd'],
  },
  { role: 'legal form', canonical: 'gmbh', label: 'GmbH', spellings: ['gmbh', 'mbh', 'ag', 'kg'] },
  {
    role: 'legal form',
    canonical: 'sa',
    label: 'société anonyme and the like',
    spellings: ['sa', 'sarl', 'sal', 'srl', 'spa', 'bv', 'nv', 'sas', 'pte', 'bhd', 'sdn', 'pty'],
  },
  {
    role: 'legal form',
    canonical: 'est',
    label: 'establishment',
    spellings: ['est', 'establishment', 'estb', 'establ'],
  },
  { role: 'legal form', canonical: 'pvt', label: 'private', spellings: ['pvt', 'private'] },
  { role: 'legal form', canonical: 'group', label: 'group', spellings: ['group', 'grp'] },
  { role: 'legal form', canonical: 'holding', label: 'holding', spellings: ['holding', 'holdings', 'hldg'] },
  {
    role: 'word',
    canonical: 'intl',
    label: 'international',
    spellings: ['intl', 'international', 'internat', 'int'],
  },
  {
    role: 'word',
    canonical: 'org',
    label: 'organization',
    spellings: ['org', 'organization', 'organisation', 'orgn'],
  },
  {
    role: 'word',
    canonical: 'ind',
    label: 'industries',
    spellings: ['ind', 'inds', 'industry', 'industries', 'industrial'],
  },
  {
    role: 'word',
    canonical: 'mfg',
    label: 'manufacturing',
    spellings: ['mfg', 'manufacturing', 'manufacture', 'manufacturer', 'manufacturers'],
  },
  {
    role: 'word',
    canonical: 'eng',
    label: 'engineering',
    spellings: ['eng', 'engg', 'engineering', 'engineers'],
  },
  { role: 'word', canonical: 'svc', label: 'services', spellings: ['svc', 'svcs', 'service', 'services'] },
  { role: 'word', canonical: 'tech', label: 'technology', spellings: ['tech', 'technology', 'technologies'] },
  { role: 'word', canonical: 'natl', label: 'national', spellings: ['natl', 'national'] },
  { role: 'word', canonical: 'govt', label: 'government', spellings: ['govt', 'government'] },
  { role: 'word', canonical: 'dept', label: 'department', spellings: ['dept', 'department'] },
  { role: 'word', canonical: 'assn', label: 'association', spellings: ['assn', 'assoc', 'association'] },
  {
    role: 'word',
    canonical: 'trading',
    label: 'trading',
    spellings: ['trading', 'trade', 'traders', 'trdg'],
  },
  { role: 'word', canonical: 'bros', label: 'brothers', spellings: ['bros', 'brothers'] },
  { role: 'word', canonical: 'univ', label: 'university', spellings: ['univ', 'university'] },
  { role: 'word', canonical: 'inst', label: 'institute', spellings: ['inst', 'institute', 'institution'] },
  { role: 'word', canonical: 'petro', label: 'petroleum', spellings: ['petro', 'petroleum'] },
  {
    role: 'word',
    canonical: 'air',
    label: 'airline',
    spellings: ['air', 'airline', 'airlines', 'airways', 'airway'],
  },
  {
    role: 'word',
    canonical: 'ship',
    label: 'shipping line',
    spellings: ['shipping', 'shpg', 'lines', 'line', 'shipline', 'shiplines'],
  },
  { role: 'particle', canonical: 'al', label: 'the Arabic article', spellings: ['al', 'el', 'ol', 'ul'] },
  { role: 'particle', canonical: 'bin', label: 'son of', spellings: ['bin', 'ben', 'ibn', 'ebn', 'bint'] },
  {
    role: 'particle',
    canonical: 'seyed',
    label: 'the honorific Seyed',
    spellings: ['seyed', 'seyyed', 'sayed', 'sayyed', 'sayyid', 'sayid', 'syed', 'seyyid', 'sied', 'seied'],
  },
  {
    role: 'particle',
    canonical: 'haj',
    label: 'the honorific Haj',
    spellings: ['haj', 'hajj', 'haji', 'hajji', 'hadj', 'hadji', 'alhaj', 'alhajj'],
  },
  {
    role: 'particle',
    canonical: 'sheikh',
    label: 'the honorific Sheikh',
    spellings: ['sheikh', 'shaikh', 'shaykh', 'sheik', 'shaik', 'sheykh', 'cheikh'],
  },
  {
    role: 'particle',
    canonical: 'mullah',
    label: 'a cleric’s title',
    spellings: [
      'mullah',
      'mulla',
      'molla',
      'mollah',
      'ayatollah',
      'ayatullah',
      'hojatoleslam',
      'hojjatoleslam',
      'hujjat',
    ],
  },
  {
    role: 'particle',
    canonical: 'dr',
    label: 'a title',
    spellings: [
      'dr',
      'doctor',
      'mr',
      'mrs',
      'gen',
      'brig',
      'brigadier',
      'col',
      'colonel',
      'capt',
      'captain',
      'admiral',
      'adm',
      'maj',
      'sardar',
    ],
  },
  {
    role: 'stop word',
    canonical: 'of',
    label: 'a stop word',
    spellings: [
      'of',
      'the',
      'and',
      'for',
      'de',
      'du',
      'des',
      'la',
      'le',
      'del',
      'der',
      'y',
      'e',
      'a',
      'an',
      'in',
      'on',
      'at',
      'to',
    ],
  },
];

interface ClassOf {
  readonly role: TokenRole;
  readonly canonical: string;
  readonly label: string;
}

const byToken = new Map<string, ClassOf>();
for (const c of classes) {
  for (const spelling of c.spellings) {
    if (spelling.includes(' ')) continue;
    byToken.set(spelling, { role: c.role, canonical: c.canonical, label: c.label });
  }
}

/** Multi-word legal forms, longest first, as token sequences and the abbreviation that stands for them. */
const phrases: readonly (readonly [readonly string[], string])[] = [
  [['public', 'joint', 'stock', 'company'], 'pjsc'],
  [['private', 'joint', 'stock', 'company'], 'jsc'],
  [['closed', 'joint', 'stock', 'company'], 'jsc'],
  [['open', 'joint', 'stock', 'company'], 'pjsc'],
  [['joint', 'stock', 'company'], 'jsc'],
  [['limited', 'liability', 'company'], 'llc'],
  [['limited', 'liability', 'partnership'], 'llc'],
  [['sahami', 'khas'], 'jsc'],
  [['sahami', 'aam'], 'pjsc'],
  [['free', 'zone', 'establishment'], 'fze'],
  [['free', 'zone', 'company'], 'fze'],
];

/** A token of a name as compared: its canonical spelling, its role, and the words it stands for as printed. */
export interface CanonicalToken {
  readonly token: string;
  readonly role: TokenRole;
  /** The printed token(s) it stands for, lower case (`public joint stock company` for `pjsc`). */
  readonly printed: string;
  /** Set when the token was mapped from another spelling: what class it belongs to. */
  readonly variantOf?: string;
  /** Set for a token of a class, mapped or not: what the class stands for (`international`). */
  readonly classLabel?: string;
}

/**
 * Maps a name's tokens (from `nameTokens`) to canonical tokens: multi-word legal forms to their abbreviation,
 * then each token through its class. Tokens of no class keep their spelling as words.
 */
export function canonicalTokens(tokens: readonly string[]): CanonicalToken[] {
  const out: CanonicalToken[] = [];
  for (let i = 0; i < tokens.length; ) {
    const phrase = phrases.find(([words]) => words.every((word, k) => tokens[i + k] === word));
    if (phrase) {
      const cls = byToken.get(phrase[1])!;
      out.push({
        token: cls.canonical,
        role: cls.role,
        printed: phrase[0].join(' '),
        variantOf: cls.label,
        classLabel: cls.label,
      });
      i += phrase[0].length;
      continue;
    }
    const token = tokens[i]!;
    const cls = byToken.get(token);
    out.push(
      cls
        ? {
            token: cls.canonical,
            role: cls.role,
            printed: token,
            classLabel: cls.label,
            ...(cls.canonical !== token && { variantOf: cls.label }),
          }
        : { token, role: 'word', printed: token },
    );
    i += 1;
  }
  return out;
}

/**
 * The acronyms a name may be known by: the initials of all its printed tokens, of its tokens without stop
 * words, and of its words alone (without stop words, legal forms and particles). `Islamic Republic of Iran
 * Shipping Lines` gives `irisl` and `iriosl`; `Central Bank of Iran` gives `cbi` and `cboi`; `Ministry of Defense and Armed
 * Forces Logistics` gives `modafl` (with `of` but not `and`) among others. Names of fewer
 * than two words, and acronyms shorter than two letters, give none.
 */
export function acronymsOf(tokens: readonly string[]): string[] {
  if (tokens.length < 2) return [];
  const roles = tokens.map((token) => byToken.get(token)?.role ?? 'word');
  if (roles.filter((role) => role === 'word').length < 2) return [];
  const initials = (keep: (role: TokenRole) => boolean) =>
    tokens
      .filter((token, i) => keep(roles[i]!) && /^[a-z]/.test(token))
      .map((token) => token[0])
      .join('');
  const ofKept = tokens
    .filter((token, i) => (roles[i] !== 'stop word' || token === 'of') && /^[a-z]/.test(token))
    .map((token) => token[0])
    .join('');
  const variants = new Set([
    initials(() => true),
    ofKept,
    initials((role) => role !== 'stop word'),
    initials((role) => role === 'word'),
  ]);
  return [...variants].filter((acronym) => acronym.length >= 2 && acronym.length <= 10);
}
