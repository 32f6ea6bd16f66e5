import type { Workbench } from '@lockstep/app';

/** What route modules are given: the workbench whose operations they expose. */
export interface RouteDeps {
  readonly workbench: Workbench;
}
