/**
 * Days and values closer than this are equal when a plan is checked (solver output is floating point); the
 * plan checker and every red line kind's check share it, so a plan is held to one standard.
 */
export const planTolerance = 1e-6;
