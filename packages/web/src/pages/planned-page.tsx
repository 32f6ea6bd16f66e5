import { Link } from 'react-router-dom';
import type { WorkArea } from '../work-areas.ts';

/** A work area that is not built yet: what it is for and what it will hold, with no figures. */
export function PlannedPage({ area }: { area: WorkArea }) {
  return (
    <section>
      <h1>{area.title}</h1>
      <p className="lede">{area.purpose}</p>
      <div className="planned" role="note">
        <h2>Being built</h2>
        <p>
          This area shows no figures yet: none will appear here until it is computed from the loaded data.
        </p>
        <ul>
          {(area.planned ?? []).map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        {area.domain && (
          <p>
            It will draw on the <Link to="/data">{area.title.toLowerCase()} datasets already loaded</Link>.
          </p>
        )}
      </div>
    </section>
  );
}
