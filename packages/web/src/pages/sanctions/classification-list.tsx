import type { Classification } from './categories.ts';
import { CategoryChip } from './category-chip.tsx';

/**
 * One designation's classification in full: its category, the rule that decided it, the reason, the
 * evidence the rule matched, and its dating, so that an analyst can disagree with one specific reason.
 */
export function ClassificationItem({ item }: { item: Classification }) {
  return (
    <div className="classification" data-testid={`classification-${item.program}`}>
      <div className="classification-head">
        <CategoryChip category={item.category} program={item.program} uncertain={item.uncertain} />
        <span className="rule">
          rule <code>{item.rule}</code>
        </span>
        {item.uncertain && <span className="uncertain-flag">uncertain: the dating does not settle it</span>}
      </div>
      <p className="classification-reason">{item.reason}</p>
      {item.evidence.length > 0 && (
        <ul className="evidence">
          {item.evidence.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {item.imposed && <p className="muted small">Imposed {item.imposed}.</p>}
    </div>
  );
}

/** Every designation of a party under one position. */
export function ClassificationList({ items }: { items: readonly Classification[] }) {
  if (items.length === 0) return <p className="muted">No designation is classified under this position.</p>;
  return (
    <div className="classification-list">
      {items.map((item) => (
        <ClassificationItem key={item.program} item={item} />
      ))}
    </div>
  );
}
