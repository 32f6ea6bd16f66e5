import type { NuclearOverview, NuclearOverviewQuery } from '@lockstep/contract';
import { useEffect, useState } from 'react';
import { fetchProgrammeEvents, fetchPublishedEstimates } from '../../api.ts';
import { useApi } from '../../use-api.ts';
import { type AssumptionValues, fieldOf, queryOf, valuesOf } from './assumption-values.ts';
import { AssumptionsList } from './assumptions-list.tsx';
import { AssumptionsPanel } from './assumptions-panel.tsx';
import { BreakoutChart } from './breakout-chart.tsx';
import { BreakoutDetails } from './breakout-details.tsx';
import { ComplianceTable } from './compliance-table.tsx';
import { fetchIaeaReports, reportShown } from './iaea-reports.ts';
import { NuclearHeader } from './nuclear-header.tsx';
import { PublishedComparison } from './published-comparison.tsx';
import { ReportCard } from './report-card.tsx';
import { StepsTable } from './steps-table.tsx';
import { StockpileChart } from './stockpile-chart.tsx';
import { useNuclearOverview } from './use-nuclear-overview.ts';

type Assumptions = Omit<NuclearOverviewQuery, 'asOf'>;

const labels: Record<string, string> = {
  sq: 'significant quantity',
  tailsPercent: 'tails assay %',
  setUpMonths: 'set-up months',
  unspecifiedAssayPercent: 'assay of stock in no band %',
  capacityPoint: 'capacity point',
  trendReports: 'trend reports',
  reinstallationMonths: 're-installation months',
  goalMonths: 'goal months',
  seed: 'seed',
  samples: 'samples',
};

/** The edited assumptions in words: `tails assay % 0.25 (default 0.3)`. */
function describe(query: Assumptions, defaults: AssumptionValues | undefined): string[] {
  return Object.entries(query).flatMap(([key, value]) => {
    if (key === 'machineCapacities') {
      return Object.entries(value as Record<string, { low: number; high: number }>).map(([type, range]) => {
        const fallback = defaults?.machineCapacities[type];
        return `${type} ${range.low}–${range.high} SWU/yr${fallback ? ` (default ${fallback.low}–${fallback.high})` : ''}`;
      });
    }
    if (key === 'advancedMachineGrowth') {
      return Object.entries(value as Record<string, number>).map(
        ([type, perMonth]) => `${type} +${perMonth} machines a month (default none)`,
      );
    }
    const fallback = defaults?.[key as keyof AssumptionValues];
    return [
      `${labels[key] ?? key} ${String(value)}${typeof fallback === 'string' ? ` (default ${fallback})` : ''}`,
    ];
  });
}

/**
 * The Nuclear work area: stockpile against the cap, compliance per limit, breakout over time with the
 * closing window, the steps back, and the assumptions behind them, editable as a what-if.
 */
const noEstimates: never[] = [];
const noEvents: never[] = [];
const noReports: never[] = [];

export function NuclearPage() {
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [assumptions, setAssumptions] = useState<Assumptions>({});
  const state = useNuclearOverview({ ...(asOf && { asOf }), ...assumptions });
  const [defaultAnswer, setDefaultAnswer] = useState<
    { values: AssumptionValues; capacities: NuclearOverview['machineCapacities'] } | undefined
  >(undefined);
  const defaults = defaultAnswer?.values;
  const [values, setValues] = useState<AssumptionValues | undefined>(undefined);
  const [baseline, setBaseline] = useState<Record<string, number | null>>({});
  // The published record does not depend on the question asked: fetched once.
  const published = useApi(fetchPublishedEstimates);
  const programme = useApi(fetchProgrammeEvents);
  const estimates = published.status === 'ready' ? published.data.estimates : noEstimates;
  const events = programme.status === 'ready' ? programme.data.events : noEvents;
  const iaea = useApi(fetchIaeaReports);
  const reports = iaea.status === 'ready' ? iaea.data.reports : noReports;
  const [chosenReport, setChosenReport] = useState<string | undefined>(undefined);

  const { data, answered } = state;
  useEffect(() => {
    if (!data || !answered) return;
    const { asOf: _date, ...edited } = answered;
    if (Object.keys(edited).length > 0) return;
    // An answer with every default: the form's defaults, and the baseline a what-if is compared with.
    setBaseline((previous) => ({ ...previous, [data.asOf]: data.breakout.months }));
    if (!defaultAnswer) {
      const found = valuesOf(data);
      setDefaultAnswer({ values: found, capacities: data.machineCapacities });
      setValues(found);
    }
  }, [data, answered, defaultAnswer]);

  if (!data) {
    return (
      <section>
        <h1>Nuclear</h1>
        {state.error ? (
          <p role="alert" className="error">
            The nuclear figures could not be computed: {state.error.message}.
          </p>
        ) : (
          <p role="status">Computing the nuclear figures…</p>
        )}
      </section>
    );
  }

  const shown = reportShown(
    reports,
    data.asOf,
    chosenReport,
    data.stockpile.map((r) => r.asOf),
  );
  const errorField = fieldOf(state.error?.field);
  const answeredAssumptions: Assumptions = { ...(answered ?? {}) };
  delete (answeredAssumptions as NuclearOverviewQuery).asOf;
  const whatIf = describe(answeredAssumptions, defaults);
  const reset = () => {
    if (defaults) setValues(defaults);
    setAssumptions({});
  };

  return (
    <section className="nuclear" aria-busy={state.pending}>
      <NuclearHeader
        overview={data}
        asOf={asOf}
        onAsOf={setAsOf}
        asOfError={errorField === 'asOf' ? state.error?.message : undefined}
        whatIf={whatIf}
        baselineMonths={whatIf.length > 0 ? baseline[data.asOf] : undefined}
        onReset={reset}
        reports={reports}
        report={shown}
        onReport={(report) => {
          setChosenReport(report.report);
          setAsOf(report.date);
        }}
      />
      {iaea.status === 'error' ? (
        <p role="alert" className="error">
          The IAEA reports could not be loaded: {iaea.message}.
        </p>
      ) : (
        iaea.status === 'ready' && <ReportCard shown={shown} asOf={data.asOf} />
      )}
      <div className="nuclear-layout">
        <div className={`nuclear-main${state.pending ? ' stale' : ''}`}>
          <StockpileChart overview={data} />
          <ComplianceTable overview={data} />
          <BreakoutChart overview={data} estimates={estimates} events={events} />
          <BreakoutDetails overview={data} />
          <PublishedComparison overview={data} estimates={estimates} />
          <StepsTable overview={data} />
          <AssumptionsList overview={data} />
        </div>
        <aside className="nuclear-aside">
          {values && defaults ? (
            <AssumptionsPanel
              values={values}
              defaults={defaults}
              capacities={defaultAnswer?.capacities ?? []}
              pending={state.pending}
              error={errorField === 'asOf' ? undefined : state.error}
              onChange={setValues}
              onRecompute={() => setAssumptions(queryOf(values, defaults))}
              onReset={reset}
            />
          ) : (
            <p className="muted">Loading the default assumptions…</p>
          )}
        </aside>
      </div>
    </section>
  );
}
