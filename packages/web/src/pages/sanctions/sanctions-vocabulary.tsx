import type { SanctionsPositionList } from '@lockstep/contract';
import { createContext, type ReactNode, useContext } from 'react';
import { fetchSanctionsPositions } from '../../api.ts';
import { useApi } from '../../use-api.ts';
import type { Category } from './categories.ts';

/**
 * The sanctions vocabulary as the server serves it (`GET /api/sanctions/positions`, read from
 * data/sanctions/positions.json): the positions with their labels, every category with its label in the
 * order to show them, and the position each comparison starts from. The Sanctions pages hold none of it.
 */
export type SanctionsVocabulary = SanctionsPositionList;

const VocabularyContext = createContext<SanctionsVocabulary | undefined>(undefined);

/** The vocabulary, inside a `WithSanctionsVocabulary`. */
export function useSanctionsVocabulary(): SanctionsVocabulary {
  const vocabulary = useContext(VocabularyContext);
  if (!vocabulary) throw new Error('useSanctionsVocabulary outside WithSanctionsVocabulary');
  return vocabulary;
}

/** A position's short label (`United States 2021`), or its id if the vocabulary lacks it. */
export function positionLabel(vocabulary: SanctionsVocabulary, id: string): string {
  return vocabulary.positions.find((p) => p.id === id)?.label ?? id;
}

/** What a category means (`lifted under this position`), or its id if the vocabulary lacks it. */
export function categoryLabel(vocabulary: SanctionsVocabulary, category: Category): string {
  return vocabulary.categories.find((c) => c.id === category)?.label ?? category;
}

/** Every category, in the order the positions file gives them. */
export function categoryIds(vocabulary: SanctionsVocabulary): Category[] {
  return vocabulary.categories.map((c) => c.id);
}

/**
 * Loads the vocabulary, then renders `children` with it (they may call `useSanctionsVocabulary`); until
 * then says what it is doing, or why it failed.
 */
export function WithSanctionsVocabulary({ children }: { children: ReactNode }) {
  const loaded = useApi((signal) => fetchSanctionsPositions(signal), 'sanctions-positions');
  if (loaded.status === 'error') {
    return (
      <section className="sanctions">
        <p role="alert" className="error">
          The sanctions positions could not be read: {loaded.message}.
        </p>
      </section>
    );
  }
  if (loaded.status === 'loading') {
    return (
      <section className="sanctions">
        <p role="status" className="panel">
          Reading the positions…
        </p>
      </section>
    );
  }
  return <VocabularyContext.Provider value={loaded.data}>{children}</VocabularyContext.Provider>;
}
