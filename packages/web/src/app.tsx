import { NavLink, Route, Routes } from 'react-router-dom';
import { DataSourcesPage } from './pages/data-sources-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { NuclearPage } from './pages/nuclear/nuclear-page.tsx';
import { OverviewPage } from './pages/overview-page.tsx';
import { PlannedPage } from './pages/planned-page.tsx';
import { EntityPage } from './pages/sanctions/entity-page.tsx';
import { SanctionsPage } from './pages/sanctions/sanctions-page.tsx';
import { SequencingPage } from './pages/sequencing/sequencing-page.tsx';
import { TalksPage } from './pages/talks/talks-page.tsx';
import { workAreas } from './work-areas.ts';

/** The workbench shell: navigation between the work areas and the data sources. */
export function App() {
  return (
    <div className="shell">
      <header className="topbar">
        <NavLink to="/" className="brand" end>
          Lockstep
        </NavLink>
        <nav aria-label="Main">
          {workAreas.map((area) => (
            <NavLink key={area.path} to={area.path}>
              {area.title}
            </NavLink>
          ))}
          <NavLink to="/data">Data sources</NavLink>
        </nav>
      </header>
      <main>
        <Routes>
          <Route path="/" element={<OverviewPage />} />
          <Route path="/nuclear" element={<NuclearPage />} />
          <Route path="/sanctions" element={<SanctionsPage />} />
          <Route path="/sanctions/entity" element={<EntityPage />} />
          <Route path="/sanctions/entity/:entryNumber" element={<EntityPage />} />
          <Route path="/sequencing" element={<SequencingPage />} />
          <Route path="/talks/*" element={<TalksPage />} />
          {workAreas
            .filter((area) => area.planned !== undefined)
            .map((area) => (
              <Route key={area.path} path={area.path} element={<PlannedPage area={area} />} />
            ))}
          <Route path="/data" element={<DataSourcesPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </main>
    </div>
  );
}
