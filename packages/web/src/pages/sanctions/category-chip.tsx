import type { Category } from './categories.ts';
import { categoryLabel, useSanctionsVocabulary } from './sanctions-vocabulary.tsx';

const symbol: Record<Category, string> = { lift: '↑', keep: '■', difficult: '!' };

/**
 * A designation's category in colour and in words (the colour is never the only signal), optionally with the
 * program it classifies: `SDGT difficult`.
 */
export function CategoryChip({
  category,
  program,
  uncertain = false,
}: {
  category: Category;
  program?: string;
  uncertain?: boolean;
}) {
  const meaning = categoryLabel(useSanctionsVocabulary(), category);
  return (
    <span
      className={`category category-${category}`}
      title={`${program ? `${program}: ` : ''}${meaning}${uncertain ? ' (uncertain)' : ''}`}
    >
      {program && <span className="category-program">{program}</span>}
      <span className="category-name">
        <span aria-hidden="true">{symbol[category]}</span> {category}
        {uncertain && <span className="category-uncertain"> ?</span>}
      </span>
    </span>
  );
}
