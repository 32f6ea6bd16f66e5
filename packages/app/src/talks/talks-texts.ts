import type { RenderedTextJson, TextImportResult } from '@lockstep/contract';
import {
  type Actor,
  addClause,
  type Delegation,
  type ExpertGroup,
  emptyText,
  expertGroups,
  type NegotiatingText,
  type Party,
  proposeAlternative,
  renderText,
  setClauseStatus,
  type TalksAction,
  withdrawAlternative,
} from '@lockstep/core';
import { type SqlExecutor, TalksRepository } from '@lockstep/store';
import { TalksError } from './talks-error.ts';
import { allow, type Done, type TalksLedger, unwrap } from './talks-ledger.ts';

/** One numbered paragraph of an imported text: its number, its title and its bracketed alternatives. */
export interface ParsedClause {
  readonly number: number;
  readonly title: string;
  readonly alternatives: readonly string[];
}

/** The texts' clause id prefixes: `sl-3` is the third clause of the sanctions-lifting text. */
const clausePrefix: { readonly [G in ExpertGroup]: string } = {
  'sanctions-lifting': 'sl',
  'nuclear-implementation': 'ni',
  sequencing: 'sq',
};

/**
 * The negotiating texts of the three expert groups: clauses with bracketed alternatives, which only the
 * coordinator writes. Each write names the version it was made against and is refused (409) when it moved.
 */
export class TalksTexts {
  constructor(private readonly ledger: TalksLedger) {}

  /** Every group's text, as stored or empty, in the groups' order. */
  async all(db: SqlExecutor): Promise<NegotiatingText[]> {
    const stored = await new TalksRepository(db).texts();
    return expertGroups.map((group) => stored.find((t) => t.group === group) ?? emptyText(group));
  }

  async texts(actor: Actor): Promise<RenderedTextJson[]> {
    allow(actor, 'text.read');
    return (await this.all(this.ledger.db)).map((t) => renderText(actor, t) as RenderedTextJson);
  }

  async text(actor: Actor, group: ExpertGroup): Promise<RenderedTextJson> {
    allow(actor, 'text.read');
    const text = (await this.ledger.read((repo) => repo.text(group))) ?? emptyText(group);
    return renderText(actor, text) as RenderedTextJson;
  }

  /** A change to one group's text by the coordinator: the rendered text after it. */
  private editText(
    actor: Actor,
    action: TalksAction,
    group: ExpertGroup,
    change: (
      text: NegotiatingText,
      at: string,
    ) => { next: NegotiatingText; target: string; detail: Done<unknown>['detail'] },
  ): Promise<RenderedTextJson> {
    allow(actor, action);
    return this.ledger.write(actor, action, async (repo, at) => {
      // The group's row stays locked until the write ends; only what the change touched is written.
      const stored = await repo.text(group, true);
      const { next, target, detail } = change(stored ?? emptyText(group), at);
      await repo.saveTextChange(stored, next);
      return { value: renderText(actor, next) as RenderedTextJson, target, ...(detail ? { detail } : {}) };
    });
  }

  addClause(
    actor: Actor,
    group: ExpertGroup,
    input: {
      title: string;
      weight: number;
      references: { kind: 'sequencing-plan' | 'sanctions-designations' | 'nuclear-steps'; ids: string[] }[];
      expectedVersion: number;
    },
  ): Promise<RenderedTextJson> {
    return this.editText(actor, 'text.add-clause', group, (text, at) => {
      const id = `${clausePrefix[group]}-${text.clauses.length + 1}`;
      const next = unwrap(addClause(text, actor, { id, ...input, at }));
      return { next, target: `clause:${group}/${id}`, detail: { textVersion: next.version } };
    });
  }

  propose(
    actor: Actor,
    group: ExpertGroup,
    clauseId: string,
    input: { text: string; proposer: Party; disclosedTo: Delegation[]; expectedVersion: number },
  ): Promise<RenderedTextJson> {
    return this.editText(actor, 'text.propose', group, (text, at) => {
      const clause = text.clauses.find((c) => c.id === clauseId);
      const id = `${clauseId}-a${(clause?.alternatives.length ?? 0) + 1}`;
      const next = unwrap(proposeAlternative(text, actor, { clauseId, id, ...input, at }));
      return {
        next,
        target: `clause:${group}/${clauseId}`,
        detail: { alternative: id, proposer: input.proposer, disclosedTo: [...input.disclosedTo] },
      };
    });
  }

  withdraw(
    actor: Actor,
    group: ExpertGroup,
    clauseId: string,
    alternativeId: string,
    input: { expectedVersion: number },
  ): Promise<RenderedTextJson> {
    return this.editText(actor, 'text.withdraw', group, (text, at) => ({
      next: unwrap(withdrawAlternative(text, actor, { clauseId, alternativeId, ...input, at })),
      target: `clause:${group}/${clauseId}`,
      detail: { alternative: alternativeId },
    }));
  }

  setStatus(
    actor: Actor,
    group: ExpertGroup,
    clauseId: string,
    input: {
      to: 'open' | 'agreed-ad-referendum' | 'agreed';
      alternativeId?: string | undefined;
      expectedVersion: number;
    },
  ): Promise<RenderedTextJson> {
    return this.editText(actor, 'text.set-status', group, (text, at) => {
      const next = unwrap(
        setClauseStatus(text, actor, {
          clauseId,
          to: input.to,
          ...(input.alternativeId === undefined ? {} : { alternativeId: input.alternativeId }),
          expectedVersion: input.expectedVersion,
          at,
        }),
      );
      const clause = next.clauses.find((c) => c.id === clauseId);
      return {
        next,
        target: `clause:${group}/${clauseId}`,
        detail: { to: input.to, alternative: clause?.agreedAlternative ?? null },
      };
    });
  }

  /**
   * A parsed bracketed text as a new text's clauses (`text-import.ts` parses): previewed (`apply` false:
   * nothing written) or applied as one write of the text, ordered with the others and recorded. An import
   * starts an empty text; a text with clauses is refused (409). Imported alternatives are the coordinator's,
   * disclosed to nobody: a file does not say who proposed what.
   */
  async importClauses(
    actor: Actor,
    group: ExpertGroup,
    parsed: readonly ParsedClause[],
    apply: boolean,
  ): Promise<TextImportResult> {
    allow(actor, 'text.add-clause');
    const build = (current: NegotiatingText, at: string) => {
      if (current.clauses.length > 0) {
        throw new TalksError(
          409,
          `the ${group} text already has ${current.clauses.length} clause(s): an import starts an empty text; add to this one clause by clause`,
          'group',
          current.version,
        );
      }
      let next = current;
      const clauses = parsed.map((clause, index) => {
        const id = `${clausePrefix[group]}-${index + 1}`;
        next = unwrap(addClause(next, actor, { id, title: clause.title, expectedVersion: next.version, at }));
        clause.alternatives.forEach((text, k) => {
          const version = next.clauses.at(-1)!.version;
          next = unwrap(
            proposeAlternative(next, actor, {
              clauseId: id,
              id: `${id}-a${k + 1}`,
              text,
              proposer: 'coordinator',
              expectedVersion: version,
              at,
            }),
          );
        });
        return { number: clause.number, id, title: clause.title, alternatives: [...clause.alternatives] };
      });
      return { next, clauses };
    };
    if (!apply) {
      const current = (await this.ledger.read((repo) => repo.text(group))) ?? emptyText(group);
      return { group, applied: false, clauses: build(current, this.ledger.now()).clauses };
    }
    return this.ledger.write(actor, 'text.add-clause', async (repo, at) => {
      const stored = await repo.text(group, true);
      const { next, clauses } = build(stored ?? emptyText(group), at);
      await repo.saveTextChange(stored, next);
      const text = renderText(actor, next) as RenderedTextJson;
      return {
        value: { group, applied: true, clauses, text },
        target: `text:${group}`,
        detail: {
          imported: clauses.length,
          alternatives: clauses.reduce((n, c) => n + c.alternatives.length, 0),
          textVersion: next.version,
        },
      };
    });
  }
}
