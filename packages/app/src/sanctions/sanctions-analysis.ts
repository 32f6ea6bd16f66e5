import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ClassifyQuery,
  type ClassifyResult,
  defaultPositions,
  type EntityResult,
  type EntitySearchQuery,
  type GapQuery,
  type GapResult,
  type HistoryResult,
  type SanctionsPositionList,
  type SanctionsSnapshot,
  sanctionsDefaults,
} from '@lockstep/contract';
import {
  assessPosition,
  buildDesignationHistory,
  type ChangeLog,
  catalogueProgram,
  classifyEntityDesignations,
  type DesignationClassification,
  type DesignationHistory,
  describeDating,
  entityRelief,
  type IsoDate,
  inPositionScope,
  isIranRelated,
  isoDate,
  type OfacEntry,
  type OfacSnapshot,
  type PositionAssessment,
  type ProgramCatalogue,
  positionGap,
  type SanctionedEntity,
  type SanctionsPosition,
  sanctionedEntities,
} from '@lockstep/core';
import {
  catalogueRenames,
  readProgramCatalogue,
  readSanctionsPositionsFile,
  type SanctionsPositionsFile,
  shippedChangeLog,
  shippedSnapshots,
} from '@lockstep/formats';
import { SanctionsRepository } from '@lockstep/store';
import { InputError } from '../input-error.ts';
import type { OperationContext } from '../operation.ts';
import { shippedDataDir } from '../shipped-data.ts';
import { type EntityDetails, entityAnswer } from './entity-answer.ts';
import type { EntityPackContent } from './entity-pack.ts';
import { searchSnapshot } from './sanctions-operations.ts';
import { chooseSearchSnapshot, entityIndexFor, storedEntries } from './search-index.ts';

/** Everything the sanctions analyses read, built once per set of stored snapshot versions. */
interface SanctionsModel {
  readonly catalogue: ProgramCatalogue;
  readonly positions: readonly SanctionsPosition[];
  readonly snapshots: readonly (OfacSnapshot & { dataset: SanctionsSnapshot })[];
  readonly skipped: readonly string[];
  readonly history: DesignationHistory;
}

/** The dates of a snapshot: the shipped ones' as PROVENANCE.md gives them, else from the list date. */
function snapshotDates(snapshot: SanctionsSnapshot): { date: IsoDate; earliestDate?: IsoDate } {
  const shipped = shippedSnapshots.find(
    (s) => snapshot.dataset === `ofac-sdn-${s.label}` || snapshot.dataset === `ofac-consolidated-${s.date}`,
  );
  if (shipped) {
    return shipped.earliestDate
      ? { date: shipped.date, earliestDate: shipped.earliestDate }
      : { date: shipped.date };
  }
  if (snapshot.date.length === 10) return { date: isoDate(snapshot.date) };
  const [year, month] = snapshot.date.split('-').map(Number) as [number, number | undefined];
  const last = month === undefined ? new Date(Date.UTC(year, 12, 0)) : new Date(Date.UTC(year, month, 0));
  return {
    date: isoDate(last.toISOString().slice(0, 10)),
    earliestDate: isoDate(`${year}-${String(month ?? 1).padStart(2, '0')}-01`),
  };
}

/** The shipped program catalogue and positions file, read (and validated) once per workbench. */
function shippedPositions(
  context: OperationContext,
): Promise<{ catalogue: ProgramCatalogue; file: SanctionsPositionsFile }> {
  return context.memo('sanctions-positions-file', async () => {
    const catalogueFile = join(shippedDataDir, 'sanctions/programs.json');
    const catalogue = readProgramCatalogue(readFileSync(catalogueFile, 'utf8'), catalogueFile);
    const positionsFile = join(shippedDataDir, 'sanctions/positions.json');
    const file = readSanctionsPositionsFile(readFileSync(positionsFile, 'utf8'), positionsFile, catalogue);
    return { catalogue, file };
  });
}

/**
 * `sanctions.positions`: every position of the positions file with its label, holder, date, description,
 * sources and the categories its rules assign; every category with its label; and the position each
 * comparison starts from (the contract's `defaultPositions`).
 */
export async function positions(context: OperationContext): Promise<SanctionsPositionList> {
  const { file } = await shippedPositions(context);
  return {
    categories: file.categories.map((c) => ({ ...c })),
    positions: file.positions.map((position) => {
      const assigned = new Set(position.rules.flatMap((rule) => (rule.category ? [rule.category] : [])));
      return {
        id: position.id,
        label: position.label,
        name: position.name,
        holder: position.holder,
        date: position.date,
        description: position.description,
        sources: [...position.sources],
        scope: position.scope,
        categories: file.categories.filter((c) => assigned.has(c.id)).map((c) => ({ ...c })),
        rules: position.rules.length,
      };
    }),
    defaults: { ...defaultPositions },
  };
}

async function loadModel(context: OperationContext): Promise<SanctionsModel> {
  const repo = new SanctionsRepository(context.db);
  const versions = await repo.snapshotVersions();
  return context.memo(`sanctions-model:${[...versions.values()].join(',')}`, async () => {
    const stored = await repo.snapshots();
    const { catalogue, file } = await shippedPositions(context);
    const positions = file.positions;
    const dated = stored
      .map((dataset) => ({ dataset, ...snapshotDates(dataset) }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const snapshots: SanctionsModel['snapshots'][number][] = [];
    const skipped: string[] = [];
    for (const s of dated) {
      // A history needs strictly later snapshots: a second copy of one date (an imported duplicate) is left out.
      if (snapshots.length > 0 && snapshots.at(-1)!.date >= s.date) {
        skipped.push(`${s.dataset.dataset}: same date as ${snapshots.at(-1)!.label}`);
        continue;
      }
      snapshots.push({
        label: s.dataset.dataset,
        date: s.date,
        ...(s.earliestDate && { earliestDate: s.earliestDate }),
        lists: [s.dataset.dataset.includes('consolidated') ? 'consolidated' : 'sdn'],
        entries: await storedEntries(context, s.dataset.dataset),
        dataset: s.dataset,
      });
    }
    const changes = await repo.changes();
    const changeLog: ChangeLog | undefined =
      changes.length > 0 ? { from: shippedChangeLog.from, to: shippedChangeLog.to, changes } : undefined;
    const history = buildDesignationHistory(snapshots, {
      renames: catalogueRenames(catalogue),
      ...(changeLog && { changeLog }),
    });
    return { catalogue, positions, snapshots, skipped, history };
  });
}

function chooseSnapshot(model: SanctionsModel, dataset: string | undefined) {
  const snapshot = dataset
    ? model.snapshots.find((s) => s.label === dataset)
    : (model.snapshots.filter((s) => s.lists.includes('sdn')).at(-1) ?? model.snapshots.at(-1));
  if (!snapshot) {
    throw new InputError(
      `snapshot: no snapshot "${dataset}" is in the history; loaded: ${model.snapshots.map((s) => s.label).join(', ')}`,
      'snapshot',
    );
  }
  return snapshot;
}

function choosePosition(model: SanctionsModel, id: string, field: string): SanctionsPosition {
  const position = model.positions.find((p) => p.id === id);
  if (!position) {
    throw new InputError(
      `${field}: no position "${id}"; known: ${model.positions.map((p) => p.id).join(', ')}`,
      field,
    );
  }
  return position;
}

/**
 * The parties of a snapshot that some position speaks about, with their history: only the Iran-related ones
 * unless a position's scope is `all`, since building each party's dated designations is the costly part.
 */
async function entitiesOf(context: OperationContext, model: SanctionsModel, label: string) {
  const snapshot = chooseSnapshot(model, label);
  return context.memo(
    `sanctioned-entities:${model.snapshots.map((s) => s.label).join(',')}:${label}`,
    async () => {
      const everyone = model.positions.some((p) => p.scope === 'all');
      const entries = everyone
        ? snapshot.entries
        : snapshot.entries.filter((e) => isIranRelated(model.catalogue, e.programs));
      return sanctionedEntities({ ...snapshot, entries }, model.history);
    },
  );
}

/** The parties with these entry numbers, with their history, whatever their programs. */
function partiesNumbered(
  model: SanctionsModel,
  label: string,
  numbers: readonly number[],
): SanctionedEntity[] {
  const snapshot = chooseSnapshot(model, label);
  const wanted = new Set(numbers);
  return sanctionedEntities(
    { ...snapshot, entries: snapshot.entries.filter((e) => wanted.has(e.entryNumber)) },
    model.history,
  );
}

function classificationView(c: DesignationClassification) {
  return {
    program: c.designation.program,
    category: c.category,
    rule: c.rule,
    reason: c.reason,
    evidence: c.evidence,
    uncertain: c.uncertain,
    ...(c.designation.imposed && { imposed: describeDating(c.designation.imposed) }),
  };
}

async function assess(
  context: OperationContext,
  model: SanctionsModel,
  positionId: string,
  field: string,
  label: string,
) {
  const position = choosePosition(model, positionId, field);
  const entities = await entitiesOf(context, model, label);
  return context.memo(
    `assessment:${model.snapshots.map((s) => s.label).join(',')}:${label}:${position.id}`,
    async () => assessPosition(position, model.catalogue, entities),
  );
}

/** `sanctions.classify`: every designation of the parties in a position's scope, with rule and evidence. */
export async function classify(context: OperationContext, query: ClassifyQuery): Promise<ClassifyResult> {
  const model = await loadModel(context);
  const snapshot = chooseSnapshot(model, query.snapshot);
  const assessment = await assess(context, model, query.position, 'position', snapshot.label);
  return {
    position: { ...assessment.position, sources: [...assessment.position.sources] },
    snapshot: snapshot.dataset,
    totals: { ...assessment.totals, unknownPrograms: [...assessment.totals.unknownPrograms] },
    entities: assessment.reliefs.slice(0, query.limit ?? sanctionsDefaults.classifyLimit).map((relief) => ({
      entryNumber: relief.entity.entryNumber,
      name: relief.entity.name,
      type: relief.entity.type,
      layered: relief.layered,
      relieved: relief.relieved,
      partlyRelieved: relief.partlyRelieved,
      byBasis: relief.byBasis.map((b) => ({ basis: b.basis, programs: b.programs })),
      classifications: relief.classifications.map(classificationView),
      blockedBy: relief.blockedBy.map((c) => c.designation.program),
    })),
  };
}

/** `sanctions.gap`: the designations two positions classify differently, grouped by program and basis. */
export async function gap(context: OperationContext, query: GapQuery): Promise<GapResult> {
  const model = await loadModel(context);
  const snapshot = chooseSnapshot(model, query.snapshot);
  const firstId = query.first;
  const secondId = query.second;
  const first: PositionAssessment = await assess(context, model, firstId, 'first', snapshot.label);
  const second: PositionAssessment = await assess(context, model, secondId, 'second', snapshot.label);
  const result = positionGap(first, second);
  const byProgram = new Map<
    string,
    { program: string; basis: string; designations: number; moves: Record<string, number> }
  >();
  for (const item of result.items) {
    const group = byProgram.get(item.program) ?? {
      program: item.program,
      basis: catalogueProgram(model.catalogue, item.program)?.basis ?? 'unknown',
      designations: 0,
      moves: {},
    };
    const move = `${item.first?.category ?? 'out of scope'} -> ${item.second?.category ?? 'out of scope'}`;
    group.designations += 1;
    group.moves[move] = (group.moves[move] ?? 0) + 1;
    byProgram.set(item.program, group);
  }
  return {
    first: firstId,
    second: secondId,
    snapshot: snapshot.dataset,
    designations: result.items.length,
    moves: { ...result.moves },
    byProgram: [...byProgram.values()].sort((a, b) => b.designations - a.designations),
    relievedOnlyByFirst: result.relievedOnlyByFirst.length,
    relievedOnlyBySecond: result.relievedOnlyBySecond.length,
    items: result.items.slice(0, query.limit ?? sanctionsDefaults.gapLimit).map((item) => ({
      entryNumber: item.entryNumber,
      name: item.name,
      program: item.program,
      first: item.first ? classificationView(item.first) : null,
      second: item.second ? classificationView(item.second) : null,
    })),
  };
}

/** `sanctions.history`: what the designation history across the stored snapshots holds. */
export async function history(context: OperationContext): Promise<HistoryResult> {
  const model = await loadModel(context);
  const events: Record<string, number> = {};
  for (const entry of model.history.entries.values()) {
    for (const event of entry.events) events[event.kind] = (events[event.kind] ?? 0) + 1;
  }
  return {
    snapshots: model.history.snapshots.map((s) => ({
      label: s.label,
      date: s.date,
      ...(s.earliestDate && { earliestDate: s.earliestDate }),
    })),
    entries: model.history.entries.size,
    events,
    relistingLinks: model.history.links.map((l) => ({ ...l, evidence: [...l.evidence] })),
    discrepancies: model.history.discrepancies.length,
  };
}

/** `sanctions.entity`: search, then each match's designations, history, timeline and category per position. */
export async function entity(context: OperationContext, query: EntitySearchQuery): Promise<EntityResult> {
  const model = await loadModel(context);
  const snapshot = chooseSnapshot(model, query.snapshot);
  const found = await searchSnapshot(context, { ...query, snapshot: snapshot.label });
  return entityAnswer(
    found,
    entityDetails(
      model,
      snapshot.label,
      found.matches.map((m) => m.entryNumber),
    ),
  );
}

/**
 * What a one-shot `sanctions entity` on the default list needs, for the command line to keep in the data
 * directory: the list's search index, the snapshot as answers name it, and every entry's details.
 */
export async function entityPackContent(context: OperationContext): Promise<EntityPackContent> {
  const model = await loadModel(context);
  const snapshot = chooseSnapshot(model, undefined);
  const searched = await chooseSearchSnapshot(context, snapshot.label);
  const index = await entityIndexFor(context, searched.dataset);
  const numbers = [...new Set(snapshot.entries.map((e) => e.entryNumber))];
  return {
    label: snapshot.label,
    snapshot: searched,
    index,
    details: entityDetails(model, snapshot.label, numbers),
  };
}

/** Each stored snapshot's entries by entry number, with their place on the list, kept per model. */
const entriesByNumber = new WeakMap<SanctionsModel, Map<number, { entry: OfacEntry; place: number }>[]>();

function numbered(model: SanctionsModel): Map<number, { entry: OfacEntry; place: number }>[] {
  let maps = entriesByNumber.get(model);
  if (!maps) {
    maps = model.snapshots.map((s) => {
      const map = new Map<number, { entry: OfacEntry; place: number }>();
      s.entries.forEach((entry, place) => {
        if (!map.has(entry.entryNumber)) map.set(entry.entryNumber, { entry, place });
      });
      return map;
    });
    entriesByNumber.set(model, maps);
  }
  return maps;
}

/**
 * The details `sanctions.entity` gives of entries `numbers` of snapshot `label`: designations, past ones,
 * lineage, the programs on every stored list, layering and each position's classification. Kept for every
 * entry of the default list in the data directory, so a one-shot CLI search answers without the store.
 */
export function entityDetails(
  model: SanctionsModel,
  label: string,
  numbers: readonly number[],
): Map<number, EntityDetails> {
  const parties = partiesNumbered(model, label, numbers);
  const byNumber = new Map<number, SanctionedEntity>(parties.map((e) => [e.entryNumber, e]));
  const lists = numbered(model);
  const details = new Map<number, EntityDetails>();
  for (const entryNumber of numbers) {
    const party = byNumber.get(entryNumber);
    const lineage = party?.lineage ?? [entryNumber];
    details.set(entryNumber, {
      layered: party ? entityRelief(model.catalogue, party, []).layered : false,
      lineage,
      designations: (party?.designations ?? []).map((d) => ({
        program: d.program,
        imposed: d.imposed ? describeDating(d.imposed) : null,
      })),
      pastDesignations: (party?.pastDesignations ?? []).map((d) => ({
        program: d.program,
        ended: describeDating(d.ended),
        how: d.how,
      })),
      timeline: model.snapshots.map((s, i) => {
        // The first entry on the list that is one of the party's numbers.
        let first: { entry: OfacEntry; place: number } | undefined;
        for (const n of lineage) {
          const found = lists[i]!.get(n);
          if (found && (!first || found.place < first.place)) first = found;
        }
        return { snapshot: s.label, date: s.date, programs: first ? first.entry.programs : null };
      }),
      positions: party
        ? model.positions
            .filter((p) => inPositionScope(p, model.catalogue, party))
            .map((p) => {
              const classifications = classifyEntityDesignations(p, model.catalogue, party);
              return {
                position: p.id,
                relieved: entityRelief(model.catalogue, party, classifications).relieved,
                classifications: classifications.map(classificationView),
              };
            })
        : [],
    });
  }
  return details;
}
