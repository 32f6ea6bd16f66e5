import type { RoundsReport } from '@lockstep/contract';
import { useState } from 'react';
import { useLiveReload } from './live-events.tsx';
import {
  delegationNames,
  failureMessage,
  groupTitles,
  statusTitles,
  talksApi,
  useTalks,
  when,
} from './talks-api.ts';
import { useSession } from './use-session.ts';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** A closed round's one-page report (the browser sends the session cookie): HTML in a new tab, or the PDF. */
const reportHref = (round: number, format: 'html' | 'pdf') =>
  `/api/talks/rounds/${round}/report?format=${format}`;

type Change = RoundsReport['changesSinceLastRound'][number];

function describeChange(change: Change): string {
  const group = groupTitles[change.group] ?? change.group;
  switch (change.kind) {
    case 'clause-added':
      return `${group}: clause ${change.clause.id} "${change.clause.title}" added`;
    case 'alternative-added':
    case 'alternative-withdrawn': {
      const who = change.alternative.proposer ? ` (${delegationNames[change.alternative.proposer]})` : '';
      const verb = change.kind === 'alternative-added' ? 'added to' : 'withdrawn from';
      return `${group}: alternative ${change.alternative.id}${who} ${verb} clause ${change.clauseId}: "${change.alternative.text}"`;
    }
    case 'status-changed':
      return `${group}: clause ${change.clauseId} ${statusTitles[change.from]} → ${statusTitles[change.to]}`;
  }
}

/** The rounds: when each opened and closed, how much was agreed at its close, and what changed since the last. */
export function RoundsPage() {
  const { user } = useSession();
  const [rounds, reload] = useTalks((signal) => talksApi.rounds(signal));
  useLiveReload(
    reload,
    (e) => e.type === 'round.opened' || e.type === 'round.closed' || e.type === 'text.changed',
  );
  const [error, setError] = useState<string>();
  if (rounds.status === 'loading') return <p className="loading">Loading the rounds…</p>;
  if (rounds.status === 'error')
    return (
      <p className="error" role="alert">
        {rounds.message}
      </p>
    );
  const report = rounds.data;
  const lastClosed = report.rounds.filter((r) => r.closedAt).at(-1);
  const write = async (close: boolean) => {
    setError(undefined);
    try {
      await talksApi.roundWrite(close, report.version);
    } catch (failure) {
      setError(failureMessage(failure));
    }
    reload();
  };
  return (
    <section aria-label="Rounds">
      <h2>Rounds</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {user.role === 'coordinator' && (
        <p className="chair-actions">
          {report.open === undefined ? (
            <button type="button" onClick={() => write(false)}>
              Open round {report.rounds.length + 1}
            </button>
          ) : (
            <button type="button" onClick={() => write(true)}>
              Close round {report.open} (snapshot the texts)
            </button>
          )}
        </p>
      )}
      {report.rounds.length === 0 ? (
        <p className="empty">No round yet.</p>
      ) : (
        <ol className="timeline" data-testid="rounds-timeline">
          {report.rounds.map((r) => (
            <li key={r.number} className={r.closedAt ? 'closed' : 'open'}>
              <strong>Round {r.number}</strong>
              {r.closedAt ? (
                <>
                  : {when(r.openedAt)} to {when(r.closedAt)}
                </>
              ) : (
                <>
                  : opened {when(r.openedAt)} <span className="badge sent">under way</span>
                </>
              )}
              {r.progress && (
                <p className="meta round-progress">
                  At its close: {r.progress.overall.agreed} of {r.progress.overall.total} clauses agreed (
                  {percent(r.progress.overall.share)}), {r.progress.overall.adReferendum} ad referendum
                  {r.progress.groups.map((g) => (
                    <span key={g.group}>
                      {' · '}
                      {groupTitles[g.group] ?? g.group} {g.agreed}/{g.total}
                    </span>
                  ))}
                </p>
              )}
              {r.closedAt && (
                <p className="meta round-report">
                  Round {r.number} report, as you may see it:{' '}
                  <a href={reportHref(r.number, 'html')} target="_blank" rel="noopener">
                    Report (HTML)
                  </a>
                  {' · '}
                  <a href={reportHref(r.number, 'pdf')} download>
                    PDF
                  </a>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      <h3>
        What changed since the last round closed
        {lastClosed?.closedAt ? ` (round ${lastClosed.number}, ${when(lastClosed.closedAt)})` : ''}
      </h3>
      <p className="meta">As you may see it: proposers appear only where they were disclosed to you.</p>
      {report.changesSinceLastRound.length === 0 ? (
        <p className="empty">No change since the last round.</p>
      ) : (
        <ul className="changes" data-testid="changes">
          {report.changesSinceLastRound.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole on every load
            <li key={i}>{describeChange(c)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
