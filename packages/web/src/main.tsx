import './zod-without-eval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App, loadPageAt } from './app.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The page's code first (see loadPageAt); should it fail to load, the page tries again as it renders.
loadPageAt(window.location.pathname)
  .then(
    () =>
      // Once a page's code has loaded, another's that fails to load is most likely that of an older build (the
      // app was rebuilt since this page was loaded, and its chunks renamed): loading the address again gets
      // the new build. Not when the first page's failed: that would only fail again, and again.
      window.addEventListener('vite:preloadError', () => window.location.reload()),
    () => undefined,
  )
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </StrictMode>,
    ),
  );
