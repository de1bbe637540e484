/**
 * What a reviewer needs to know of a project, as plain data: the review page renders it and
 * `obsgen diff` compares two of them (the base's and the change's), model against model.
 */
export interface ReviewModel {
  readonly systems: readonly SystemReview[];
  /** Every system's estimated series (unbounded metrics excluded). */
  readonly series: number;
}

export interface SystemReview {
  readonly name: string;
  readonly description: string | undefined;
  readonly series: number;
  readonly budget: number | undefined;
  readonly metrics: readonly MetricReview[];
  readonly alerts: readonly AlertReview[];
  readonly recordings: readonly RecordingReview[];
  readonly slos: readonly SloReview[];
  readonly dashboards: readonly DashboardReview[];
  readonly collector: CollectorReview | undefined;
  readonly cloudwatch: readonly CloudWatchResourceReview[];
}

export interface MetricReview {
  readonly name: string;
  readonly kind: string;
  readonly unit: string | undefined;
  readonly help: string | undefined;
  /** The OpenTelemetry instrument name, when declared. */
  readonly otel: string | undefined;
  /** Its own series budget, scrape targets when fewer than the catalog's, CloudWatch export (as text). */
  readonly budget: number | undefined;
  readonly instances: number | undefined;
  readonly cloudwatch: string | undefined;
  /** Estimated series; Infinity for an unbounded label that reaches storage (JSON: null). */
  readonly series: number;
  /** Each label with its number of values (`unbounded` when it has no bound) and its domain as declared. */
  readonly labels: readonly {
    readonly name: string;
    readonly values: number | 'unbounded';
    readonly dropped: boolean;
    /** `oneOf(GET, POST)`, `bounded(40)`, `unbounded`, `undeclared`. */
    readonly domain: string;
  }[];
  /** Histogram bucket bounds, summary quantiles (empty for other kinds). */
  readonly buckets: readonly number[];
  readonly quantiles: readonly number[];
  /** The declared `combinations` cap, and the product of the stored labels' values it caps (per target). */
  readonly cap: number | undefined;
  readonly product: number;
}

export interface AlertReview {
  readonly name: string;
  readonly group: string;
  readonly severity: string;
  readonly expr: string;
  /** The comparison with a constant that decides when it fires, e.g. `> 0.05`. */
  readonly threshold: string | undefined;
  readonly for: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly summary: string;
  readonly runbook: string;
  readonly tests: readonly string[];
  /** The receivers its instances reach (empty without an Alertmanager). */
  readonly receivers: readonly string[];
  readonly defined: string;
}

export interface RecordingReview {
  readonly name: string;
  readonly group: string;
  readonly expr: string;
}

export interface SloReview {
  readonly name: string;
  readonly objectives: readonly string[];
  readonly period: string;
  /** Minutes of full outage the budget allows in the period, per objective. */
  readonly budgetMinutes: readonly string[];
  readonly tiers: readonly string[];
  /** Burn conditions, e.g. `page: 14.4× over 1h and 5m`. */
  readonly conditions: readonly string[];
}

export interface DashboardReview {
  readonly name: string;
  readonly uid: string;
  readonly title: string;
  readonly origin: 'slo' | undefined;
  readonly panels: readonly PanelReview[];
  readonly sketch: string;
}

export interface PanelReview {
  readonly title: string;
  readonly type: string;
  /** `x,y wxh` in grid units. */
  readonly position: string;
  readonly unit: string | undefined;
  readonly queries: readonly string[];
}

export interface CollectorReview {
  readonly pipelines: readonly {
    readonly id: string;
    readonly receivers: readonly string[];
    readonly processors: readonly string[];
    readonly exporters: readonly string[];
  }[];
  /** Labels the collector drops, as `metric{label}`. */
  readonly drops: readonly string[];
}

export interface CloudWatchResourceReview {
  readonly id: string;
  readonly type: string;
  /** The resource's properties as JSON: compared whole. */
  readonly properties: string;
}
