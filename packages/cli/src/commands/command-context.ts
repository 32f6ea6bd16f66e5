import type { Workbench } from '@lockstep/app';
import type { Io } from '../output.ts';

/** What every command is given. */
export interface CommandContext {
  readonly io: Io;
  /** Sets the exit status for a command that ran but whose answer is negative (a plan that fails its check). */
  setExitCode(code: number): void;
  /** Opens the workbench on the selected store (initialising it on first use), runs `work`, closes it. */
  withWorkbench<T>(work: (workbench: Workbench) => Promise<T>): Promise<T>;
  /** Opens the workbench for a long-running command; the caller closes it. */
  openWorkbench(): Promise<Workbench>;
}
