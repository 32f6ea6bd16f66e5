import { type ComponentType, Suspense, use } from 'react';
import { matchPath, NavLink, Route, Routes } from 'react-router-dom';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { PlannedPage } from './pages/planned-page.tsx';
import { workAreas } from './work-areas.ts';

/**
 * A page whose code is a chunk of its own (with the libraries only the pages use, such as the charts'), so
 * that opening one page does not load, parse and run every other's. `Component` renders it, suspending while
 * its code loads; `load` loads the code ahead.
 */
interface Page {
  readonly Component: ComponentType;
  load(): Promise<ComponentType>;
}

function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): Page {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const start = () => {
    loading ??= load().then(
      (module) => {
        loaded = module[name];
        return loaded;
      },
      (error: unknown) => {
        loading = undefined; // tried again when next shown
        throw error;
      },
    );
    return loading;
  };
  function LazyPage() {
    const Loaded = loaded ?? use(start());
    return <Loaded />;
  }
  return { Component: LazyPage, load: start };
}

const entity = lazyPage(() => import('./pages/sanctions/entity-page.tsx'), 'EntityPage');

/**
 * The pages by route; PlannedPage and NotFoundPage, a few lines each, come with the shell. The server sends a
 * page's HTML with preloads of its module's chunks (`pagePreloads` in packages/server/src/build-server.ts).
 */
const pageRoutes: readonly { readonly path: string; readonly page: Page }[] = [
  { path: '/', page: lazyPage(() => import('./pages/overview-page.tsx'), 'OverviewPage') },
  { path: '/nuclear', page: lazyPage(() => import('./pages/nuclear/nuclear-page.tsx'), 'NuclearPage') },
  {
    path: '/sanctions',
    page: lazyPage(() => import('./pages/sanctions/sanctions-page.tsx'), 'SanctionsPage'),
  },
  { path: '/sanctions/entity', page: entity },
  { path: '/sanctions/entity/:entryNumber', page: entity },
  {
    path: '/sequencing',
    page: lazyPage(() => import('./pages/sequencing/sequencing-page.tsx'), 'SequencingPage'),
  },
  { path: '/conflict', page: lazyPage(() => import('./pages/conflict/conflict-page.tsx'), 'ConflictPage') },
  { path: '/talks/*', page: lazyPage(() => import('./pages/talks/talks-page.tsx'), 'TalksPage') },
  { path: '/data', page: lazyPage(() => import('./pages/data-sources-page.tsx'), 'DataSourcesPage') },
];

/**
 * Loads the code of the page at `pathname` (nothing for a path no page chunk serves). main.tsx waits for it
 * before the first render: otherwise the first render would suspend on it, and React reveals a suspended
 * page no sooner than 300 ms after the (empty) fallback it showed instead.
 */
export async function loadPageAt(pathname: string): Promise<void> {
  await pageRoutes.find((route) => matchPath(route.path, pathname))?.page.load();
}

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
        {/* Navigating is a transition: the page shown stays until the next one's code has loaded. */}
        <Suspense fallback={null}>
          <Routes>
            {pageRoutes.map(({ path, page }) => (
              <Route key={path} path={path} element={<page.Component />} />
            ))}
            {workAreas
              .filter((area) => area.planned !== undefined)
              .map((area) => (
                <Route key={area.path} path={area.path} element={<PlannedPage area={area} />} />
              ))}
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
