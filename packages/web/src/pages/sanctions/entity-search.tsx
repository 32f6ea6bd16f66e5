import { entitySearchQueryMaxChars } from '@lockstep/contract';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { snapshotSearch } from './categories.ts';

/** The name search box: any spelling, transliteration and word order; opens the entity view's matches. */
export function EntitySearch({ initial = '', snapshot }: { initial?: string; snapshot: string | undefined }) {
  const [query, setQuery] = useState(initial);
  const navigate = useNavigate();
  useEffect(() => setQuery(initial), [initial]);
  return (
    <form
      className="entity-search"
      aria-label="Find a party"
      onSubmit={(event) => {
        event.preventDefault();
        const q = query.trim();
        if (q) navigate(`/sanctions/entity${snapshotSearch(snapshot, { q })}`);
      }}
    >
      <label>
        <span className="field-label">Find a party by name or alias</span>
        <input
          type="search"
          name="q"
          value={query}
          maxLength={entitySearchQueryMaxChars}
          placeholder="e.g. Central Bank of Iran, IRISL, Mahan Air"
          onChange={(event) => setQuery(event.target.value)}
        />
      </label>
      <button type="submit" className="primary">
        Search
      </button>
    </form>
  );
}
