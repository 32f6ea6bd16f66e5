import type { Workbench } from '@lockstep/app';
import type { Io } from '../output.ts';

/** What every command is given. */
export interface CommandContext {
  readonly io: Io;
  /** Opens the workbench on the selected store (initialising it on first use), runs `work`, closes it. */
  withWorkbench<T>(work: (workbench: Workbench) => Promise<T>): Promise<T>;
  /** Opens the workbench for a long-running command; the caller closes it. */
  openWorkbench(): Promise<Workbench>;
}
