import type { RenderedTextJson } from '@lockstep/contract';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useLiveReload } from './live-events.tsx';
import { NotesPanel } from './notes-panel.tsx';
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

type Clause = RenderedTextJson['clauses'][number];

const delegations = ['us', 'iran', 'china', 'france', 'germany', 'russia', 'uk', 'eu'] as const;

/** Where a referenced id leads in the workbench: an OFAC entry number opens that entity's page. */
const referenceLinks: Record<string, (id: string) => string> = {
  'sequencing-plan': () => '/sequencing',
  'sanctions-designations': (id) => (/^\d+$/.test(id) ? `/sanctions/entity/${id}` : '/sanctions'),
  'nuclear-steps': () => '/nuclear',
};

const referenceTitles: Record<string, string> = {
  'sequencing-plan': 'sequencing plan',
  'sanctions-designations': 'sanctions designations',
  'nuclear-steps': 'nuclear steps',
};

/**
 * One expert group's negotiating text: each clause with its standing alternatives in brackets while open,
 * its status in colour and its history; proposers only as disclosed to the user. The coordinator edits it.
 */
export function TextPage() {
  const { group = 'sanctions-lifting' } = useParams();
  const { user } = useSession();
  const [texts, reload] = useTalks((signal) => talksApi.texts(signal));
  useLiveReload(reload, (e) => e.type === 'text.changed');
  const [error, setError] = useState<string>();
  const chair = user.role === 'coordinator';
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(failureMessage(failure));
    }
    reload();
  };
  if (texts.status === 'loading') return <p className="loading">Loading the text…</p>;
  if (texts.status === 'error')
    return (
      <p className="error" role="alert">
        {texts.message}
      </p>
    );
  const text = texts.data.texts.find((t) => t.group === group);
  if (!text) return <p className="error">No expert group "{group}".</p>;
  const counts = { open: 0, 'agreed-ad-referendum': 0, agreed: 0 };
  for (const c of text.clauses) counts[c.status]++;
  return (
    <section className="negotiating-text" aria-label={`${groupTitles[group]} text`}>
      <h2>{groupTitles[group]}: the negotiating text</h2>
      <p className="meta">
        {text.clauses.length} clause(s): {counts.agreed} agreed, {counts['agreed-ad-referendum']} agreed ad
        referendum, {counts.open} open. Alternatives stand in [brackets] until one is agreed; who proposed one
        is shown only where it was disclosed to you.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {text.clauses.length === 0 && <p className="empty">No clause yet.</p>}
      <ol className="clauses">
        {text.clauses.map((clause) => (
          <ClauseView key={clause.id} group={group} clause={clause} chair={chair} act={act} />
        ))}
      </ol>
      {chair && <AddClause group={group} version={text.version} act={act} />}
    </section>
  );
}

function ClauseView({
  group,
  clause,
  chair,
  act,
}: {
  group: string;
  clause: Clause;
  chair: boolean;
  act: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const path = `${group}/clauses/${clause.id}`;
  const bracketed = clause.status === 'open' || clause.alternatives.length > 1;
  const setStatus = (to: string, alternativeId?: string) =>
    act(() =>
      talksApi.textWrite(`${path}/status`, {
        to,
        ...(alternativeId ? { alternativeId } : {}),
        expectedVersion: clause.version,
      }),
    );
  return (
    <li className={`clause status-${clause.status}`} data-testid="clause">
      <header>
        <span className="clause-id">{clause.id}</span> <strong dir="auto">{clause.title}</strong>{' '}
        <span className={`badge status-${clause.status}`}>{statusTitles[clause.status]}</span>
        {clause.weight !== 1 && <span className="meta"> weight {clause.weight}</span>}
      </header>
      <ul className="alternatives">
        {clause.alternatives.length === 0 && <li className="empty">No wording yet.</li>}
        {clause.alternatives.map((a) => (
          <li key={a.id} className={clause.agreedAlternative === a.id ? 'agreed-wording' : ''}>
            {bracketed && clause.agreedAlternative !== a.id ? <span className="bracket">[</span> : null}
            <span className="wording" dir="auto">
              {a.text}
            </span>
            {bracketed && clause.agreedAlternative !== a.id ? <span className="bracket">]</span> : null}{' '}
            <span className="meta">
              {a.id}
              {a.proposer ? `, proposed by ${delegationNames[a.proposer] ?? a.proposer}` : ''}
            </span>
            {chair && clause.status === 'open' && (
              <span className="chair-actions">
                <button type="button" onClick={() => setStatus('agreed-ad-referendum', a.id)}>
                  Agree ad ref.
                </button>
                <button type="button" onClick={() => setStatus('agreed', a.id)}>
                  Agree
                </button>
                <button
                  type="button"
                  onClick={() =>
                    act(() =>
                      talksApi.textWrite(`${path}/alternatives/${a.id}/withdraw`, {
                        expectedVersion: clause.version,
                      }),
                    )
                  }
                >
                  Withdraw
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {clause.references.length > 0 && (
        <p className="meta">
          Refers to:{' '}
          {clause.references.map((r) => (
            <span key={r.kind} className="reference">
              {referenceTitles[r.kind]}{' '}
              {r.ids.map((id, i) => (
                <span key={id}>
                  {i > 0 && ', '}
                  <a href={referenceLinks[r.kind]?.(id)}>{id}</a>
                </span>
              ))}{' '}
            </span>
          ))}
        </p>
      )}
      {clause.history.length > 0 && (
        <details>
          <summary>History ({clause.history.length})</summary>
          <ol className="history">
            {clause.history.map((h) => (
              <li key={`${h.at}-${h.to}`}>
                {when(h.at)}: {statusTitles[h.from]} → {statusTitles[h.to]}
                {h.alternativeId ? ` (${h.alternativeId})` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
      {chair && clause.status !== 'open' && (
        <p className="chair-actions">
          {clause.status === 'agreed-ad-referendum' && (
            <button type="button" onClick={() => setStatus('agreed', clause.agreedAlternative)}>
              Confirm agreement
            </button>
          )}
          <button type="button" onClick={() => setStatus('open')}>
            Reopen
          </button>
        </p>
      )}
      {chair && clause.status === 'open' && <Propose path={path} version={clause.version} act={act} />}
      <NotesPanel subject={`clause:${group}/${clause.id}`} />
    </li>
  );
}

function Propose({
  path,
  version,
  act,
}: {
  path: string;
  version: number;
  act: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const disclosedTo = form.getAll('disclosedTo').map(String);
    return act(() =>
      talksApi.textWrite(`${path}/alternatives`, {
        text: String(form.get('text')),
        proposer: String(form.get('proposer')),
        disclosedTo,
        expectedVersion: version,
      }),
    );
  };
  return (
    <details>
      <summary>Add an alternative</summary>
      <form className="talks-form inline" onSubmit={submit} aria-label="Add an alternative">
        <label>
          Wording <textarea name="text" dir="auto" rows={2} required />
        </label>
        <label>
          Proposed by{' '}
          <select name="proposer" defaultValue="coordinator">
            {['coordinator', ...delegations].map((p) => (
              <option key={p} value={p}>
                {delegationNames[p]}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Proposer disclosed to (besides the proposer and you)</legend>
          {delegations.map((d) => (
            <label key={d} className="check">
              <input type="checkbox" name="disclosedTo" value={d} />
              {delegationNames[d]}
            </label>
          ))}
        </fieldset>
        <button type="submit">Add to the text</button>
      </form>
    </details>
  );
}

function AddClause({
  group,
  version,
  act,
}: {
  group: string;
  version: number;
  act: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ids = String(form.get('referenceIds') ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    const kind = String(form.get('referenceKind') ?? '');
    return act(() =>
      talksApi.textWrite(`${group}/clauses`, {
        title: String(form.get('title')),
        weight: Number(form.get('weight') || 1),
        references: kind && ids.length > 0 ? [{ kind, ids }] : [],
        expectedVersion: version,
      }),
    );
  };
  return (
    <form className="talks-form inline" onSubmit={submit} aria-label="Add a clause">
      <h3>Add a clause</h3>
      <label>
        Title <input name="title" dir="auto" required />
      </label>
      <label>
        Weight in progress <input name="weight" type="number" min="0.1" step="0.1" defaultValue="1" />
      </label>
      <label>
        Refers to{' '}
        <select name="referenceKind" defaultValue="">
          <option value="">nothing elsewhere</option>
          <option value="sequencing-plan">a sequencing plan (scenario id, e.g. jcpoa-2021)</option>
          <option value="sanctions-designations">
            sanctions designations (OFAC entry numbers or programs)
          </option>
          <option value="nuclear-steps">nuclear steps (step ids from lockstep nuclear steps)</option>
        </select>
      </label>
      <label>
        Referenced ids (comma-separated) <input name="referenceIds" placeholder="jcpoa-2021" />
      </label>
      <button type="submit">Add an open clause</button>
    </form>
  );
}
