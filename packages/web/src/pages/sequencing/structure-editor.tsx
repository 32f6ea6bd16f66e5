import type { ScenarioJson } from '@lockstep/contract';
import { useState } from 'react';
import {
  addedMeasureProblems,
  type MeasureForm,
  measureFromForm,
  measureKinds,
  relationAnchors,
  relationProblem,
} from './added-measure.ts';
import { type RedLineEdits, relationWords, type ScenarioView } from './scenario-view.ts';

const emptyForm: MeasureForm = {
  id: '',
  party: '',
  kind: 'sanctions-relief',
  text: '',
  durationDays: '',
  value: '',
  reversalDays: '',
};

const formFields: readonly { key: keyof MeasureForm; label: string; type: string }[] = [
  { key: 'id', label: 'Id', type: 'text' },
  { key: 'text', label: 'What it is', type: 'text' },
  { key: 'durationDays', label: 'Duration (days)', type: 'number' },
  { key: 'value', label: 'Value', type: 'number' },
  { key: 'reversalDays', label: 'Reversal (days, optional)', type: 'number' },
];

/**
 * The scenario's structure as a what-if: measures added (and deleted again), relations removed or added, and
 * the edited scenario downloaded as a JSON file that `lockstep plan solve` accepts.
 */
export function StructureEditor({
  scenario,
  edits,
  edited,
  fileName,
  onChange,
}: {
  scenario: ScenarioView;
  edits: RedLineEdits;
  edited: ScenarioJson;
  fileName: string;
  onChange: (edits: RedLineEdits) => void;
}) {
  const [form, setForm] = useState<MeasureForm>({ ...emptyForm, party: scenario.parties[0]?.id ?? '' });
  const [tried, setTried] = useState(false);
  const problems = addedMeasureProblems(form, scenario, edits.added);
  const ids = [...scenario.measures, ...edits.added].map((m) => m.id);
  const [relation, setRelation] = useState({ before: '', after: '', anchor: 'complete', lagDays: '0' });
  const [relationTried, setRelationTried] = useState(false);
  const relationToAdd = {
    before: relation.before,
    after: relation.after,
    anchor: relation.anchor,
    lagDays: Number(relation.lagDays),
  };
  const relationError = relationProblem(relationToAdd, ids);

  const addMeasure = () => {
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    onChange({ ...edits, added: [...edits.added, measureFromForm(form)] });
    setForm({ ...emptyForm, party: form.party, kind: form.kind });
    setTried(false);
  };
  const addRelation = () => {
    setRelationTried(true);
    if (relationError) return;
    onChange({ ...edits, addedRelations: [...edits.addedRelations, relationToAdd] });
    setRelationTried(false);
  };
  const download = () => {
    const blob = new Blob([`${JSON.stringify(edited, null, 2)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <section
      className="panel seq-structure"
      aria-labelledby="structure-heading"
      data-testid="structure-editor"
    >
      <div className="panel-head">
        <h2 id="structure-heading">Measures and relations (what-if)</h2>
        <button type="button" className="link" onClick={download}>
          Download the edited scenario (JSON)
        </button>
      </div>

      <label className="seq-starts">
        <input
          type="checkbox"
          name="staggered-starts"
          checked={(edits.starts ?? scenario.starts ?? 'phase') === 'staggered'}
          onChange={(event) => onChange({ ...edits, starts: event.target.checked ? 'staggered' : 'phase' })}
        />{' '}
        Staggered starts: a measure that waits for another (by a relation) starts when its wait is over,
        instead of holding back every measure of its phase; the next phase still waits for it
      </label>

      <h3>Add a measure</h3>
      <div className="seq-form">
        <label>
          <span className="field-label">Party</span>
          <select
            name="new-measure-party"
            value={form.party}
            onChange={(event) => setForm({ ...form, party: event.target.value })}
          >
            {scenario.parties.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">Kind</span>
          <select
            name="new-measure-kind"
            value={form.kind}
            onChange={(event) => setForm({ ...form, kind: event.target.value })}
          >
            {measureKinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        {formFields.map(({ key, label, type }) => (
          <label key={key}>
            <span className="field-label">
              {label}
              {key === 'value' ? ` (${scenario.valueUnit})` : ''}
            </span>
            <input
              name={`new-measure-${key}`}
              type={type}
              value={form[key]}
              aria-invalid={tried && problems[key] !== undefined}
              onChange={(event) => setForm({ ...form, [key]: event.target.value })}
            />
            {tried && problems[key] && <span className="field-error">{problems[key]}</span>}
          </label>
        ))}
        <button type="button" onClick={addMeasure}>
          Add the measure
        </button>
      </div>
      {edits.added.length > 0 && (
        <ul className="small" data-testid="added-measures">
          {edits.added.map((m) => (
            <li key={m.id}>
              <span className="chip changed">added</span> <code>{m.id}</code> ({m.party}, {m.kind}): {m.text}{' '}
              · {m.durationDays} d · value {m.value}{' '}
              <button
                type="button"
                className="link"
                aria-label={`Delete ${m.id}`}
                onClick={() =>
                  onChange({
                    ...edits,
                    added: edits.added.filter((a) => a.id !== m.id),
                    addedRelations: edits.addedRelations.filter((r) => r.before !== m.id && r.after !== m.id),
                  })
                }
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>Relations</h3>
      <p className="muted small">
        Each: the second measure starts no earlier than the first one’s start, completion or verification,
        plus the lag.
      </p>
      <ul className="small" data-testid="relations">
        {scenario.relations.map((r, index) => {
          const removed = edits.removedRelations.includes(index);
          return (
            <li key={relationWords(r)} className={removed ? 'removed' : undefined}>
              {removed ? <s>{relationWords(r)}</s> : relationWords(r)}{' '}
              <button
                type="button"
                className="link"
                onClick={() =>
                  onChange({
                    ...edits,
                    removedRelations: removed
                      ? edits.removedRelations.filter((i) => i !== index)
                      : [...edits.removedRelations, index],
                  })
                }
              >
                {removed ? 'Restore' : 'Remove'}
              </button>
            </li>
          );
        })}
        {edits.addedRelations.map((r, index) => (
          <li key={`added-${relationWords(r)}`}>
            <span className="chip changed">added</span> {relationWords(r)}{' '}
            <button
              type="button"
              className="link"
              onClick={() =>
                onChange({ ...edits, addedRelations: edits.addedRelations.filter((_, i) => i !== index) })
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="seq-form">
        {(['before', 'after'] as const).map((end) => (
          <label key={end}>
            <span className="field-label">{end === 'before' ? 'First' : 'Then'}</span>
            <select
              name={`new-relation-${end}`}
              value={relation[end]}
              onChange={(event) => setRelation({ ...relation, [end]: event.target.value })}
            >
              <option value="">(a measure)</option>
              {ids.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label>
          <span className="field-label">From its</span>
          <select
            name="new-relation-anchor"
            value={relation.anchor}
            onChange={(event) => setRelation({ ...relation, anchor: event.target.value })}
          >
            {relationAnchors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">Lag (days)</span>
          <input
            name="new-relation-lagDays"
            type="number"
            min={0}
            value={relation.lagDays}
            onChange={(event) => setRelation({ ...relation, lagDays: event.target.value })}
          />
        </label>
        <button type="button" onClick={addRelation}>
          Add the relation
        </button>
        {relationTried && relationError && <span className="field-error">{relationError}</span>}
      </div>
    </section>
  );
}
