import type { AuditVerification } from '@lockstep/contract';
import { when } from './talks-api.ts';

/** How many checkpoints the table lists at most (every failing one is listed regardless). */
const shownCount = 10;

/**
 * The verdict on the audit log: the chain's (every hash and link, the head kept apart), then each signed
 * checkpoint's (the log must still hold the entry it signed, under a key the server trusts).
 */
export function AuditVerificationView({ verification }: { verification: AuditVerification }) {
  const all = verification.checkpoints;
  const failing = all.filter((c) => !c.ok);
  const holding = all.filter((c) => c.ok);
  // Every failing checkpoint, then the latest that hold: the server signs one every few minutes of activity.
  const shown = [
    ...failing,
    ...holding.slice(Math.max(0, holding.length - Math.max(0, shownCount - failing.length))),
  ];
  return (
    <div data-testid="audit-verification-result">
      <p className={verification.ok ? 'note' : 'error'} data-testid="audit-verification">
        {verification.message}
      </p>
      {all.length === 0 ? (
        <p className="empty">No signed checkpoint was checked: none is kept yet.</p>
      ) : (
        <>
          <p className="meta" data-testid="audit-checkpoints-summary">
            {all.length} signed checkpoint{all.length === 1 ? '' : 's'} checked:{' '}
            {failing.length === 0 ? 'the log still holds every entry they signed' : `${failing.length} fail`}
            {shown.length < all.length ? `; the ${shown.length} below are the failing and the latest` : ''}.
          </p>
          <table className="talks-table text" data-testid="audit-checkpoints">
            <caption>Signed checkpoints checked against the log</caption>
            <thead>
              <tr>
                <th>Entry</th>
                <th>Signed</th>
                <th>Key</th>
                <th>Verdict</th>
                <th>What was checked</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={`${c.seq}-${c.at}-${c.keyId}`} className={c.ok ? '' : 'bad'}>
                  <td>{c.seq}</td>
                  <td>{when(c.at)}</td>
                  <td>
                    <code>{c.keyId}</code>
                  </td>
                  <td>
                    <span className={`badge ${c.ok ? 'status-agreed' : 'status-open'}`}>
                      {c.ok ? 'holds' : (c.problem ?? 'fails')}
                    </span>
                  </td>
                  <td>{c.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
