import './sanctions.css';
import { useSearchParams } from 'react-router-dom';
import {
  fetchClassification,
  fetchSanctionsGap,
  fetchSanctionsHistory,
  fetchSanctionsSnapshots,
} from '../../api.ts';
import { useApi } from '../../use-api.ts';
import { DataNote } from './data-note.tsx';
import { GapView } from './gap-view.tsx';
import { PositionTotals } from './position-totals.tsx';
import { RegisterTable } from './register-table.tsx';
import { SanctionsHeader } from './sanctions-header.tsx';
import { useSanctionsVocabulary, WithSanctionsVocabulary } from './sanctions-vocabulary.tsx';

const fullRegister = 100000;
const gapItems = 40;

/**
 * The Sanctions work area: each position's category totals, the register of parties with filters, the gap
 * between the positions, and what the data is. `?snapshot=` picks the list; `?position=` the register's position.
 * The positions, their labels and the defaults come from the server (`GET /api/sanctions/positions`).
 */
export function SanctionsPage() {
  return (
    <WithSanctionsVocabulary>
      <SanctionsArea />
    </WithSanctionsVocabulary>
  );
}

function SanctionsArea() {
  const { positions, defaults } = useSanctionsVocabulary();
  const [params, setParams] = useSearchParams();
  const snapshot = params.get('snapshot') ?? undefined;
  const position = params.get('position') ?? defaults.register;
  const update = (key: string, value: string | undefined) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === undefined) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  const snapshots = useApi((signal) => fetchSanctionsSnapshots(signal), 'snapshots');
  const totals = useApi(
    (signal) =>
      Promise.all(positions.map((p) => fetchClassification({ position: p.id, snapshot, limit: 0 }, signal))),
    `totals:${positions.map((p) => p.id).join(',')}:${snapshot}`,
  );
  const register = useApi(
    (signal) => fetchClassification({ position, snapshot, limit: fullRegister }, signal),
    `register:${position}:${snapshot}`,
  );
  const gap = useApi(
    (signal) =>
      fetchSanctionsGap(
        { first: defaults.gapFirst, second: defaults.gapSecond, snapshot, limit: gapItems },
        signal,
      ),
    `gap:${defaults.gapFirst}:${defaults.gapSecond}:${snapshot}`,
  );
  const history = useApi((signal) => fetchSanctionsHistory(signal), 'history');

  const list = snapshots.status === 'ready' ? snapshots.data.snapshots : [];
  const shown = totals.status === 'ready' ? totals.data[0]?.snapshot : undefined;

  return (
    <section className="sanctions">
      <SanctionsHeader snapshots={list} snapshot={shown} onSnapshot={(s) => update('snapshot', s)} />
      {snapshots.status === 'error' && (
        <p role="alert" className="error">
          The list snapshots could not be read: {snapshots.message}.
        </p>
      )}
      <div className="sanctions-main">
        {totals.status === 'ready' ? (
          <PositionTotals results={totals.data} />
        ) : totals.status === 'error' ? (
          <p role="alert" className="error">
            The positions could not be applied: {totals.message}.
          </p>
        ) : (
          <p role="status" className="panel">
            Classifying every designation under each position…
          </p>
        )}
        {register.status === 'error' ? (
          <p role="alert" className="error">
            The register could not be built: {register.message}.
          </p>
        ) : (
          <RegisterTable
            result={register.status === 'ready' ? register.data : undefined}
            position={position}
            onPosition={(id) => update('position', id === defaults.register ? undefined : id)}
            snapshot={snapshot}
          />
        )}
        {gap.status === 'ready' ? (
          <GapView gap={gap.data} snapshot={snapshot} />
        ) : gap.status === 'error' ? (
          <p role="alert" className="error">
            The gap could not be computed: {gap.message}.
          </p>
        ) : (
          <p role="status" className="panel">
            Comparing the positions…
          </p>
        )}
        <DataNote history={history.status === 'ready' ? history.data : undefined} snapshots={list} />
      </div>
    </section>
  );
}
