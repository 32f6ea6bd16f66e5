import { Link, useLocation } from 'react-router-dom';

/** A path the workbench does not have. */
export function NotFoundPage() {
  const location = useLocation();
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no page at <code>{location.pathname}</code>. <Link to="/">Back to the overview</Link>.
      </p>
    </section>
  );
}
