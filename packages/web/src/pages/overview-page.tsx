import { Link } from 'react-router-dom';
import { workAreas } from '../work-areas.ts';

/** The landing page: what Lockstep is for, and its four work areas. */
export function OverviewPage() {
  return (
    <section>
      <h1>A workbench for a mutual return to compliance</h1>
      <p className="lede">
        For the nuclear analysts, sanctions analysts, negotiators and mediators working on a return to the
        2015 Joint Comprehensive Plan of Action. Every figure carries its source and its assumptions; every
        classification carries its reason; no delegation sees another’s unrelayed work.
      </p>
      <div className="cards">
        {workAreas.map((area) => (
          <Link key={area.path} to={area.path} className="card">
            <h2>{area.title}</h2>
            <p>{area.purpose}</p>
          </Link>
        ))}
        <Link to="/data" className="card">
          <h2>Data sources</h2>
          <p>
            The IAEA figures, JCPOA limits and OFAC lists the workbench ships, with their provenance and
            hashes.
          </p>
        </Link>
      </div>
    </section>
  );
}
