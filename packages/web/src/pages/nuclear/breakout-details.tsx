import type { NuclearOverview, SourceRow } from '@lockstep/contract';
import { formatKg, formatMonths, formatMonthsRange, formatNumber } from './format.ts';
import { SourceLink, SourceList } from './source-link.tsx';

interface FeedUse {
  readonly label: string;
  readonly assay?: number;
  readonly availableKgU?: number | string;
  readonly feedKgU?: number;
  readonly productKgU?: number;
  readonly swu?: number;
  readonly role?: string;
}

interface Machines {
  readonly site: string;
  readonly machineType: string;
  readonly machines: number;
  readonly state: string;
  readonly asOf?: string;
  readonly sourceRow?: SourceRow;
  readonly caveats?: readonly string[];
}

const percent = (fraction: number | undefined) =>
  fraction === undefined ? '' : `${(fraction * 100).toLocaleString('en-GB', { maximumFractionDigits: 3 })} %`;

/** The breakout figure on the date: what it counts, how it is made and from which rows. */
export function BreakoutDetails({ overview }: { overview: NuclearOverview }) {
  const { breakout } = overview;
  const uses = breakout.feedPlan.uses as readonly FeedUse[];
  const machines = overview.compliance.machines as readonly Machines[];
  return (
    <section className="panel" aria-labelledby="breakout-now-heading">
      <div className="panel-head">
        <h2 id="breakout-now-heading">Breakout on {breakout.asOf ?? overview.asOf}: how it is computed</h2>
      </div>
      <dl className="facts">
        <div>
          <dt>Breakout time (median)</dt>
          <dd className="big" data-testid="breakout-months">
            {breakout.reachable ? formatMonths(breakout.months) : 'not reachable'}
          </dd>
        </div>
        <div>
          <dt>5th–95th percentile</dt>
          <dd data-testid="breakout-range">
            {breakout.monthsRange
              ? formatMonthsRange(breakout.monthsRange.p5, breakout.monthsRange.p95)
              : 'no spread (single capacity)'}
          </dd>
        </div>
        <div>
          <dt>Significant quantity ({breakout.sq === 'u235' ? 'IAEA, U-235 contained' : '90 % uranium'})</dt>
          <dd>{formatKg(breakout.significantQuantity.productKgU)} at 90 %</dd>
        </div>
        <div>
          <dt>Separative work needed</dt>
          <dd>{formatNumber(breakout.swu)} SWU</dd>
        </div>
        <div>
          <dt>Enrichment capacity (enriching machines)</dt>
          <dd>
            {formatNumber(breakout.capacitySwuPerYear.low)}–{formatNumber(breakout.capacitySwuPerYear.high)}{' '}
            SWU/yr
          </dd>
        </div>
        {breakout.monthsRange && (
          <div>
            <dt>Monte Carlo</dt>
            <dd>
              {breakout.monthsRange.samples.toLocaleString('en-GB')} samples, seed {breakout.monthsRange.seed}
            </dd>
          </div>
        )}
      </dl>
      {!breakout.reachable && breakout.unreachableReason && (
        <p className="error">{breakout.unreachableReason}</p>
      )}
      <p className="muted small">{breakout.significantQuantity.definition}.</p>
      <div className="two-col">
        <div>
          <h3>Feed plan (highest assay first)</h3>
          <table className="grid compact">
            <thead>
              <tr>
                <th>Feed</th>
                <th className="num">Assay</th>
                <th className="num">Available</th>
                <th className="num">Used</th>
                <th className="num">SWU</th>
              </tr>
            </thead>
            <tbody>
              {uses.map((use) => (
                <tr key={use.label} className={use.role === 'not-needed' ? 'dim' : undefined}>
                  <td>
                    {use.label}
                    {use.role && <div className="muted small">{use.role.replace(/-/g, ' ')}</div>}
                  </td>
                  <td className="num">{percent(use.assay)}</td>
                  <td className="num">
                    {typeof use.availableKgU === 'number' ? formatKg(use.availableKgU) : use.availableKgU}
                  </td>
                  <td className="num">{formatKg(use.feedKgU)}</td>
                  <td className="num">{formatNumber(use.swu)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3>Machines counted</h3>
          <table className="grid compact">
            <thead>
              <tr>
                <th>Site</th>
                <th>Type</th>
                <th className="num">Machines</th>
                <th>State, as of</th>
                <th>Source</th>
              </tr>
            </thead>
            <tbody>
              {machines.map((m) => (
                <tr key={`${m.site}-${m.machineType}`}>
                  <td>{m.site}</td>
                  <td>{m.machineType}</td>
                  <td className="num">{m.machines.toLocaleString('en-GB')}</td>
                  <td>
                    {m.state}
                    {m.asOf && <div className="muted small">{m.asOf}</div>}
                  </td>
                  <td>{m.sourceRow ? <SourceLink row={m.sourceRow} compact /> : 'no row'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <details>
        <summary>All rows this breakout figure rests on ({breakout.sources.length})</summary>
        <SourceList rows={breakout.sources} />
      </details>
    </section>
  );
}
