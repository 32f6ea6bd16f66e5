import type { SanctionsSnapshot } from '@lockstep/contract';
import { Exports } from './data-note.tsx';
import { EntitySearch } from './entity-search.tsx';

/** The page title, the snapshot classified, the exports of that snapshot and the name search. */
export function SanctionsHeader({
  snapshots,
  snapshot,
  onSnapshot,
}: {
  snapshots: readonly SanctionsSnapshot[];
  snapshot: SanctionsSnapshot | undefined;
  onSnapshot: (dataset: string | undefined) => void;
}) {
  const newest = snapshots.filter((s) => !s.dataset.includes('consolidated')).at(-1);
  return (
    <header className="sanctions-head">
      <div className="title-row">
        <div>
          <h1>Sanctions</h1>
          <p className="lede">
            Which designations each position lifts, keeps or leaves as a difficult case, the rule and evidence
            behind each, and which parties are layered and so get no real relief.
          </p>
        </div>
        <div className="as-of">
          <label>
            <span className="field-label">OFAC list snapshot</span>
            <select
              value={snapshot?.dataset ?? ''}
              onChange={(event) =>
                onSnapshot(event.target.value === newest?.dataset ? undefined : event.target.value)
              }
            >
              {!snapshot && <option value="">loading…</option>}
              {[...snapshots].reverse().map((s) => (
                <option key={s.dataset} value={s.dataset}>
                  {s.dataset} ({s.entryCount.toLocaleString('en-GB')} entries)
                </option>
              ))}
            </select>
          </label>
          <Exports snapshot={snapshot} />
        </div>
      </div>
      <EntitySearch
        snapshot={snapshot && snapshot.dataset !== newest?.dataset ? snapshot.dataset : undefined}
      />
    </header>
  );
}
