/**
 * What kind of action a step back is:
 * - `ship-out`: ship out, or down-blend to natural uranium, stock of a band;
 * - `down-blend`: down-blend kept stock to the enrichment limit;
 * - `stop-enrichment`: stop enriching above the limit;
 * - `remove-machines`: remove centrifuges to monitored storage;
 * - `stop-enrichment-at-site`: stop enrichment at a site (Fordow);
 * - `stop-activity`: stop a forbidden activity (uranium metal work);
 * - `restore-monitoring`: restore IAEA monitoring and the Additional Protocol;
 * - `verify`: let the IAEA verify a limit the data cannot assess.
 */
export type StepKind =
  | 'ship-out'
  | 'down-blend'
  | 'stop-enrichment'
  | 'remove-machines'
  | 'stop-enrichment-at-site'
  | 'stop-activity'
  | 'restore-monitoring'
  | 'verify';
