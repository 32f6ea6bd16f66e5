import {
  ApiError,
  ClassifyResult,
  DatasetList,
  EntityResult,
  GapResult,
  HistoryResult,
  NuclearOverview,
  type NuclearOverviewQuery,
  ProgrammeEvents,
  PublishedEstimates,
  SanctionsPositionList,
  SanctionsSnapshotList,
} from '@lockstep/contract';
import type { z } from 'zod';

/**
 * An API call that failed: the server's one-sentence reason, or what went wrong on the way. `field` names the
 * request field at fault when the server said which (`body.tailsPercent`, `asOf`).
 */
export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    /** The HTTP status the server answered with, when it answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** How to call an endpoint: GET by default; a body is sent as JSON (with POST unless `method` says otherwise). */
export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
  readonly method?: 'GET' | 'POST' | 'DELETE';
  readonly body?: unknown;
}

/**
 * Calls an API endpoint and checks its answer against the contract schema; an error answer becomes an
 * `ApiCallError` with the server's message and field.
 */
export async function requestJson<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const { signal, body } = options;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      ...(signal && { signal }),
      headers: {
        accept: 'application/json',
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiCallError(`the Lockstep server could not be reached (${(error as Error).message})`);
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = ApiError.safeParse(answer);
    throw parsed.success
      ? new ApiCallError(parsed.data.error.message, parsed.data.error.field, response.status)
      : new ApiCallError(`the server answered ${response.status}`, undefined, response.status);
  }
  const parsed = schema.safeParse(answer);
  if (!parsed.success)
    throw new ApiCallError(`the server's answer to ${path} did not match the API contract`);
  return parsed.data;
}

/** `GET /api/datasets`. */
export function fetchDatasets(signal?: AbortSignal) {
  return requestJson('/api/datasets', DatasetList, { signal });
}

/**
 * The Nuclear page's figures: `GET /api/nuclear/overview` when only the date is given (the defaults), or
 * `POST /api/nuclear/overview` with the edited assumptions (what-if). The server preloads the first (without a
 * date) with the page's HTML (`pagePreloads` in packages/server/src/build-server.ts); this request takes that
 * answer only while it stays alike: the same URL, `fetch`'s default mode and credentials, no body.
 */
export function fetchNuclearOverview(query: NuclearOverviewQuery, signal?: AbortSignal) {
  const { asOf, ...assumptions } = query;
  if (Object.keys(assumptions).length === 0) {
    const search = asOf ? `?${new URLSearchParams({ asOf })}` : '';
    return requestJson(`/api/nuclear/overview${search}`, NuclearOverview, { signal });
  }
  return requestJson('/api/nuclear/overview', NuclearOverview, { signal, body: query });
}

/** `GET /api/nuclear/estimates`: the published breakout estimates, each with its figures in months. */
export function fetchPublishedEstimates(signal?: AbortSignal) {
  return requestJson('/api/nuclear/estimates', PublishedEstimates, { signal });
}

/** `GET /api/nuclear/events`: the dated events that explain the curves. */
export function fetchProgrammeEvents(signal?: AbortSignal) {
  return requestJson('/api/nuclear/events', ProgrammeEvents, { signal });
}

/** `?a=1&b=2` from the defined values, or the empty string. */
function searchOf(params: Record<string, string | number | undefined>): string {
  const defined = Object.entries(params).filter(([, value]) => value !== undefined && value !== '');
  return defined.length === 0
    ? ''
    : `?${new URLSearchParams(defined.map(([key, value]) => [key, String(value)]))}`;
}

/** `GET /api/sanctions/snapshots`: the stored OFAC list snapshots, oldest first. */
export function fetchSanctionsSnapshots(signal?: AbortSignal) {
  return requestJson('/api/sanctions/snapshots', SanctionsSnapshotList, { signal });
}

/**
 * `GET /api/sanctions/positions`: the positions with their labels and the categories they assign, every
 * category's label, and the position each comparison starts from.
 */
export function fetchSanctionsPositions(signal?: AbortSignal) {
  return requestJson('/api/sanctions/positions', SanctionsPositionList, { signal });
}

/**
 * `GET /api/sanctions/classify`: a position applied to a snapshot's Iran-related parties. `limit` 0 gives the
 * totals only; 100000 the whole register.
 */
export function fetchClassification(
  query: { position: string; snapshot?: string; limit?: number },
  signal?: AbortSignal,
) {
  return requestJson(`/api/sanctions/classify${searchOf(query)}`, ClassifyResult, { signal });
}

/** `GET /api/sanctions/gap`: the designations two positions classify differently. */
export function fetchSanctionsGap(
  query: { first: string; second: string; snapshot?: string; limit?: number },
  signal?: AbortSignal,
) {
  return requestJson(`/api/sanctions/gap${searchOf(query)}`, GapResult, { signal });
}

/** `GET /api/sanctions/entity`: parties matching a name, with history and classification under each position. */
export function fetchSanctionsEntity(
  query: { q: string; snapshot?: string; limit?: number },
  signal?: AbortSignal,
) {
  return requestJson(`/api/sanctions/entity${searchOf(query)}`, EntityResult, { signal });
}

/** `GET /api/sanctions/history`: the designation history across the stored snapshots. */
export function fetchSanctionsHistory(signal?: AbortSignal) {
  return requestJson('/api/sanctions/history', HistoryResult, { signal });
}

/** The address of `GET /api/sanctions/export`: a snapshot as a CSV or JSON download. */
export function sanctionsExportUrl(snapshot: string, format: 'csv' | 'json'): string {
  return `/api/sanctions/export${searchOf({ snapshot, format })}`;
}
