/** One of the workbench's four areas, as the talks themselves divide the work. */
export interface WorkArea {
  readonly path: string;
  readonly title: string;
  /** Who works here and on what question. */
  readonly purpose: string;
  /**
   * What an area not built yet will hold, said plainly: no figure is shown before it is computed from the
   * data. Absent once the area is built.
   */
  readonly planned?: readonly string[];
  /** The datasets it will draw on (catalogue domain). */
  readonly domain?: 'nuclear' | 'sanctions';
}

export const workAreas: readonly WorkArea[] = [
  {
    path: '/nuclear',
    title: 'Nuclear',
    domain: 'nuclear',
    purpose:
      'Where Iran’s programme stands against each JCPOA limit, the steps that would bring it back, and the breakout time each step restores.',
  },
  {
    path: '/sanctions',
    title: 'Sanctions',
    domain: 'sanctions',
    purpose:
      'Which designations each position lifts, keeps or leaves as a difficult case, and which entities are layered and so get no real relief.',
  },
  {
    path: '/sequencing',
    title: 'Sequencing',
    purpose:
      'In what order the two sides take their steps so that neither carries more exposure than it can accept.',
  },
  {
    path: '/conflict',
    title: 'Conflict',
    purpose:
      'Why neither side moves first: which outcomes are stable for whom and why, how the standoff can evolve, and what would have to change (Graph Model for Conflict Resolution).',
  },
  {
    path: '/talks',
    title: 'Talks',
    purpose:
      'The indirect talks: papers relayed through the coordinator (no US–Iran channel), the bracketed negotiating text per expert group, progress in agreed text, rounds and a tamper-evident record.',
  },
];
