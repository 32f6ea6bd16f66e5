import { type PartialDate, partialDate, UnitError } from '@lockstep/core';

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const printedPattern = /^(?:(\d{2}) )?(?:([A-Z][a-z]{2}) )?(\d{4})$/;

/** A date as OFAC prints it in its legacy lists: `05 Feb 2012`, `Feb 2012` or `2012`. */
export function printedOfacDate(date: PartialDate): string {
  const [year, month, day] = date.split('-');
  const monthName = month === undefined ? undefined : monthNames[Number(month) - 1];
  return [day, monthName, year].filter((part) => part !== undefined).join(' ');
}

/**
 * The date OFAC printed as `05 Feb 2012`, `Feb 2012` or `2012`, as `2012-02-05`, `2012-02` or `2012`; or
 * `undefined` for text in another form (`circa 1990`, `5 Feb 2012`) or an impossible day.
 */
export function partialDateOfPrinted(printed: string): PartialDate | undefined {
  const match = printedPattern.exec(printed);
  if (!match) return undefined;
  const [, day, monthName, year] = match;
  if (day !== undefined && monthName === undefined) return undefined;
  const month = monthName === undefined ? undefined : monthNames.indexOf(monthName) + 1;
  if (month === 0) return undefined;
  const text = [year, month?.toString().padStart(2, '0'), day].filter((part) => part !== undefined).join('-');
  try {
    return partialDate(text);
  } catch (error) {
    if (error instanceof UnitError) return undefined;
    throw error;
  }
}
