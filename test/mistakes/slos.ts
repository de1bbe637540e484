// SLO mistakes: Google's SRE workbook (implementing SLOs, alerting on SLOs), Prometheus on histograms.
import { latencySli, ratioSli, re } from 'obsgen';
import { shop } from '../fixtures/promql-catalog.ts';
import { sloProject, type Mistake } from './base.ts';

const IMPLEMENTING = 'https://sre.google/workbook/implementing-slos/';
const ALERTING = 'https://sre.google/workbook/alerting-on-slos/';
const m = shop.metrics;

const availability = ratioSli({
  errors: m.request_count_total.where({ status_code: re('5..') }),
  total: m.request_count_total,
});
const good = () => sloProject({ objective: 99.9, sli: availability, by: ['service_name'] });

export const SLO_MISTAKES: readonly Mistake[] = [
  {
    id: 'slos/hundred-percent',
    area: 'slos',
    mistake:
      'An objective of 100 %: no error budget, so every single failure is an outage and nothing can be released.',
    source: IMPLEMENTING,
    caughtBy: 'slo/objective-range',
    bad: () => sloProject({ objective: 100, sli: availability, by: ['service_name'] }),
    good,
  },
  {
    id: 'slos/ratio-objective',
    area: 'slos',
    mistake: 'An objective written as a ratio (0.999) where a percentage is meant: a 0.1 % target.',
    source: IMPLEMENTING,
    caughtBy: 'slo/objective-range',
    bad: () => sloProject({ objective: 0.999, sli: availability, by: ['service_name'] }),
    good,
  },
  {
    id: 'slos/objective-outside-domain',
    area: 'slos',
    mistake: 'A per-group objective for a value the label never takes (a service that is not deployed here).',
    source: IMPLEMENTING,
    caughtBy: 'slo/objective-range',
    bad: () =>
      sloProject({
        objective: 99.9,
        sli: availability,
        by: ['service_name'],
        objectives: { label: 'service_name', values: { billing: 99 } },
      }),
    good: () =>
      sloProject({
        objective: 99.9,
        sli: availability,
        by: ['service_name'],
        objectives: { label: 'service_name', values: { cart: 99.5 } },
      }),
  },
  {
    id: 'slos/impossible-tier',
    area: 'slos',
    mistake: 'A burn-rate tier that can never fire: 14.4 × a 10 % budget needs more than 100 % errors.',
    source: ALERTING,
    caughtBy: 'slo/impossible-tier',
    bad: () => sloProject({ objective: 90, sli: availability, by: ['service_name'] }),
    good,
  },
  {
    id: 'slos/period-shorter-than-window',
    area: 'slos',
    mistake: 'A compliance period shorter than the longest alert window: that window reads more than the whole budget.',
    source: ALERTING,
    caughtBy: 'slo/window-too-short',
    bad: () => sloProject({ objective: 99.9, sli: availability, by: ['service_name'], period: '1d' }),
    good,
  },
  {
    id: 'slos/threshold-not-a-bucket',
    area: 'slos',
    mistake:
      'A latency SLI whose threshold is not a bucket bound: good events cannot be counted (interpolation is a guess).',
    source: 'https://prometheus.io/docs/practices/histograms/#apdex-score',
    caughtBy: 'slo/threshold-not-a-bucket',
    bad: () =>
      sloProject({
        objective: 99,
        sli: latencySli({ histogram: m.request_duration_seconds, threshold: 0.3 }),
        by: ['service_name'],
      }),
    good: () =>
      sloProject({
        objective: 99,
        sli: latencySli({ histogram: m.request_duration_seconds, threshold: 0.5 }),
        by: ['service_name'],
      }),
  },
  {
    id: 'slos/errors-select-successes',
    area: 'slos',
    mistake: 'An errors selector that picks successes (status 2xx): the SLI is inverted.',
    source: IMPLEMENTING,
    caughtBy: 'slo/sli-contradiction',
    bad: () =>
      sloProject({
        objective: 99.9,
        sli: ratioSli({
          errors: m.request_count_total.where({ status_code: re('2..') }),
          total: m.request_count_total,
        }),
        by: ['service_name'],
      }),
    good,
  },
  {
    id: 'slos/total-leaves-out-errors',
    area: 'slos',
    mistake: 'A total that counts only successes: the error ratio can exceed 1 and the budget means nothing.',
    source: IMPLEMENTING,
    caughtBy: 'slo/sli-contradiction',
    bad: () =>
      sloProject({
        objective: 99.9,
        sli: ratioSli({
          errors: m.request_count_total.where({ status_code: re('5..') }),
          total: m.request_count_total.where({ status_code: '200' }),
        }),
        by: ['service_name'],
      }),
    good,
  },
  {
    id: 'slos/low-traffic',
    area: 'slos',
    mistake: 'Burn-rate alerts on a service with a few requests an hour: one failure burns hours of budget and pages.',
    source: `${ALERTING}#low-traffic-services-and-error-budget-alerting`,
    gap: 'Depends on traffic; `obsgen verify` (issue 26) measures it and a backtest (issue 27) counts the pages it would send.',
    bad: good,
    good,
  },
  {
    id: 'slos/period-beyond-retention',
    area: 'slos',
    mistake: "A 30-day SLO on a Prometheus that keeps 15 days: the period's budget is computed from half the data.",
    source: 'https://prometheus.io/docs/prometheus/latest/storage/#operational-aspects',
    gap: 'The retention is not in the definitions; `obsgen verify` (issue 26) can read it from the server (/api/v1/status/flags).',
    bad: good,
    good,
  },
];
