import type { TalksAction } from '@lockstep/core';
import type { Database } from '@lockstep/store';
import type { z } from 'zod';
import type { PlanJobOwner } from './plans/plan-job-owner.ts';
import type { PlanJobs } from './plans/plan-jobs.ts';
import type { TalksCaller } from './talks/talks-accounts.ts';
import type { TalksService } from './talks/talks-service.ts';

/** A part of the stored data, for cache invalidation: results that read a topic go stale when it is written. */
export type DataTopic = 'datasets' | 'nuclear' | 'sanctions';

/** What every operation runs against: the workbench's store and services. */
export interface OperationContext {
  readonly db: Database;
  readonly schemaVersion: number;
  /**
   * A value derived from stored data and kept for this workbench's life, such as a search index. `key` must
   * name everything the value depends on (a dataset version id, not just a name), so it never goes stale.
   */
  memo<T>(key: string, build: () => Promise<T>): Promise<T>;
  /** Told of slow work (an import), for progress output. */
  readonly progress: (message: string) => void;
  /** How long one sanctions search may run, in milliseconds (`searchTimeBudgetMs` unless a test sets it). */
  readonly searchTimeBudgetMs: number;
  /** The talks: accounts, papers, relays, texts, rounds and the audit log. */
  readonly talks: TalksService;
}

/**
 * Who is calling, as the surface that received the call established it: the signed-in talks caller (the
 * server's session or token), and for background jobs the queue and the submitter's owner secret and address.
 */
export interface CallContext {
  readonly caller?: TalksCaller | undefined;
  /**
   * The surface already checked the operation's policy for this caller, on the resource of the request, before
   * it read the body (the server does, so that a refusal says nothing of the body). Otherwise `call` checks it.
   */
  readonly policyChecked?: true;
  readonly jobs?:
    | {
        readonly queue: PlanJobs;
        /** None for a request that carries no owner secret: it owns no job. */
        readonly owner: PlanJobOwner | undefined;
        readonly address: string;
      }
    | undefined;
}

/** An HTTP status an operation may answer with besides its success, each with the API's error body. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

/**
 * How an operation is reached over HTTP, under `/api`. Path parameters (`:id`) are input fields; the other
 * fields come from the query string (`GET`, `DELETE`) or the JSON body (`POST`).
 */
export interface HttpBinding {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  /**
   * The part of the operation's input this route takes, when it takes less than all of it (a GET of the
   * defaults takes only the date; the POST beside it takes every assumption).
   */
  readonly input?: z.ZodType;
  /** The route's own summary when one operation has two routes (a GET of defaults and a POST of what-ifs). */
  readonly summary?: string;
  /** More than the summary: limits, formats, who may call it. */
  readonly description?: string;
  /** The success status: 201 for a creation, 202 for an accepted job; default 200. */
  readonly status?: 200 | 201 | 202;
  /** The error statuses the route documents (400 is added for any route with input). */
  readonly errors?: readonly ErrorStatus[];
  /** The result is a file to download (`{contentType, fileName, body}`), not JSON. */
  readonly download?: true;
  /**
   * Fields a POST takes from the query string rather than the body (yente's match API: `limit`, `threshold`).
   */
  readonly query?: readonly string[];
  /** The largest body accepted, in bytes (default the server's). */
  readonly bodyLimit?: number;
  /** The `Location` of what a 201/202 created. */
  readonly location?: (result: never) => string;
  /** A hidden route (an alias kept for old clients): served, left out of the API document. */
  readonly hidden?: true;
}

/** How an input field is read from a command-line flag or argument. */
export type CliParse =
  /** A number, refused with the flag's name when it is not one. */
  | 'number'
  /** `A,B`: a comma-separated list. */
  | 'list'
  /** `60=408.6,20=0`: assay in % = kg U pairs. */
  | 'stock-list'
  /** `IR-6=3:10`, repeatable: per-machine SWU/yr by machine type. */
  | 'machine-capacity'
  /** `IR-6=50`, repeatable: machines added per month by machine type. */
  | 'machine-growth'
  /** Repeatable: each occurrence's text added to a list (`--without a --without b`). */
  | 'repeatable'
  /** `KEY=NUMBER`, repeatable: a record of numbers by key (`--set us-x=80 --set m1.durationDays=10`). */
  | 'assignments';

/** One flag of a command: `--as-of <date>` read into the input field `asOf`. */
export interface CliOption {
  /** Commander's flag syntax: `--as-of <date>`, `--lp`. */
  readonly flags: string;
  /** The input field it sets; none for a flag only the command line has (`--out`). */
  readonly field?: string;
  /** Help text; default the field's description in the input schema. */
  readonly description?: string;
  /** How the text is read; numbers and choices are found from the schema when not said. */
  readonly parse?: CliParse;
  readonly required?: true;
  /** The value the field is given when the flag is absent (shown in the help). */
  readonly default?: string;
  /** A constant the field takes when a boolean flag is present (`--lp` sets `includeLp: true`). */
  readonly value?: unknown;
  /** What is accepted, for the error when a value is not: `two position ids, e.g. us-2021,iran-2021`. */
  readonly accepts?: string;
}

/** A positional argument: `<file>` into `path`, `<name...>` joined with spaces into `q`. */
export interface CliArgument {
  readonly name: string;
  readonly field: string;
  readonly description: string;
  readonly variadic?: 'join' | 'list';
}

/** How an operation is reached from the `lockstep` command line. */
export interface CliBinding {
  /** The words after `lockstep`: `nuclear breakout`. */
  readonly command: string;
  /** Help text; default the operation's summary. */
  readonly description?: string;
  readonly arguments?: readonly CliArgument[];
  readonly options?: readonly CliOption[];
  /** Whether it takes `--json` (print the result as JSON); default yes. */
  readonly json?: boolean;
}

/** The talks policy rule an operation is checked against before it runs, and what it is checked on. */
export interface PolicyBinding {
  readonly action: TalksAction;
  /** The paper, relay, token or account named by the path's `:id`, checked before the body is read. */
  readonly resource?: 'document' | 'relay' | 'token' | 'account' | 'note';
}

/**
 * One thing a user can ask Lockstep for, and every way it is reached. The server's routes, the API document
 * and the command line are generated from these, so a use case and its surfaces are written once; input is
 * validated against `input` before `run` sees it.
 */
export interface Operation<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType> {
  readonly summary: string;
  /** The area it belongs to, the API document's tag: nuclear, sanctions, plans, talks, data. */
  readonly tag: string;
  /**
   * The stored data the result depends on. A read-only operation that names them may be answered from
   * the workbench's cache until an operation that `writes` one of them runs.
   */
  readonly reads?: readonly DataTopic[];
  /** The stored data this operation changes: cached results that read them are dropped. */
  readonly writes?: readonly DataTopic[];
  readonly input: In;
  readonly output: Out;
  /** The talks rule checked before it runs: such an operation needs a signed-in caller. */
  readonly policy?: PolicyBinding;
  /** It works on the queue of background solves, as the submitter (`CallContext.jobs`). */
  readonly job?: true;
  readonly http?: HttpBinding | readonly HttpBinding[];
  readonly cli?: CliBinding;
  run(context: OperationContext, input: z.output<In>, call: CallContext): Promise<z.input<Out>>;
}

/** Declares an operation, typing its `run` by its schemas. */
export function operation<In extends z.ZodType, Out extends z.ZodType>(
  op: Operation<In, Out>,
): Operation<In, Out> {
  return op;
}

/** An operation's HTTP routes, as a list. */
export function httpBindings(op: Pick<Operation, 'http'>): readonly HttpBinding[] {
  if (!op.http) return [];
  return 'method' in op.http ? [op.http as HttpBinding] : (op.http as readonly HttpBinding[]);
}
