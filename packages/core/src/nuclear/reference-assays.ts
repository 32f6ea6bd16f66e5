import { type Assay, assayFromPercent } from './units.ts';

/** Natural uranium: 0.711 % U-235 by mass (the conventional figure; 0.720 % is the atom fraction). */
export const naturalUraniumAssay: Assay = assayFromPercent(0.711);

/** Weapon-grade uranium as breakout estimates count it: 90 % U-235. */
export const weaponGradeAssay: Assay = assayFromPercent(90);
