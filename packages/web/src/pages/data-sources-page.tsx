import type { Dataset } from '@lockstep/contract';
import { fetchDatasets } from '../api.ts';
import { useApi } from '../use-api.ts';

const domainTitles: Record<Dataset['domain'], string> = { nuclear: 'Nuclear', sanctions: 'Sanctions' };
const numbers = new Intl.NumberFormat('en-GB');

function DatasetRow({ dataset }: { dataset: Dataset }) {
  return (
    <tr id={dataset.name} data-testid="dataset-row">
      <td>
        <div className="dataset-title">{dataset.title}</div>
        <code className="muted">{dataset.name}</code>
      </td>
      <td>
        <time dateTime={dataset.date}>{dataset.date}</time>
        <div className="muted small">{dataset.dateBasis}</div>
      </td>
      <td className="num">{numbers.format(dataset.rowCount)}</td>
      <td>
        {dataset.source}
        <div className="muted small">
          Provenance: <code>data/{dataset.provenance}</code>
        </div>
      </td>
      <td>
        <details>
          <summary>
            <code title={dataset.sha256}>{dataset.sha256.slice(0, 12)}</code>
            <span className="muted small">
              {' '}
              · {dataset.files.length} file{dataset.files.length === 1 ? '' : 's'}
            </span>
          </summary>
          <ul className="files">
            {dataset.files.map((file) => (
              <li key={file.path}>
                <code>data/{file.path}</code> ({file.role}; {numbers.format(file.rowCount)} records;{' '}
                {numbers.format(file.bytes)} bytes)
                <div>
                  <code className="muted small">sha256 {file.sha256}</code>
                </div>
              </li>
            ))}
          </ul>
        </details>
        <div className="muted small">
          loaded {new Date(dataset.loadedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC
        </div>
      </td>
    </tr>
  );
}

/** The data catalogue: every dataset loaded, so that any figure can be traced to its source. */
export function DataSourcesPage() {
  const state = useApi((signal) => fetchDatasets(signal));
  return (
    <section>
      <h1>Data sources</h1>
      <p className="lede">
        Every figure in Lockstep cites one of these datasets. They ship with the workbench, are loaded once
        into its store, and are identified by the SHA-256 of their files, so a changed file is a new version,
        never a silent edit.
      </p>
      {state.status === 'loading' && <p role="status">Loading the catalogue…</p>}
      {state.status === 'error' && (
        <p role="alert" className="error">
          The catalogue could not be loaded: {state.message}.
        </p>
      )}
      {state.status === 'ready' &&
        (['nuclear', 'sanctions'] as const).map((domain) => {
          const datasets = state.data.datasets.filter((d) => d.domain === domain);
          if (datasets.length === 0) return null;
          return (
            <div key={domain}>
              <h2>{domainTitles[domain]}</h2>
              <table className="catalogue" aria-label={`${domainTitles[domain]} datasets`}>
                <thead>
                  <tr>
                    <th>Dataset</th>
                    <th>List or report date</th>
                    <th className="num">Records</th>
                    <th>Source</th>
                    <th>Content</th>
                  </tr>
                </thead>
                <tbody>
                  {datasets.map((dataset) => (
                    <DatasetRow key={dataset.name} dataset={dataset} />
                  ))}
                </tbody>
              </table>
            </div>
          );
        })}
    </section>
  );
}
