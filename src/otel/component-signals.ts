/**
 * The signals well-known collector components accept, from their READMEs' stability tables: the
 * collector refuses a configuration that puts one in a pipeline of another signal ("telemetry
 * type is not supported"). Components not listed here (otlp, debug, batch, transform, …) take every
 * signal, or are not known well enough to judge: they are never reported.
 */
type Signal = 'traces' | 'metrics' | 'logs';

const METRICS: readonly Signal[] = ['metrics'];
const LOGS: readonly Signal[] = ['logs'];
const TRACES: readonly Signal[] = ['traces'];

const COMPONENT_SIGNALS: Readonly<
  Record<'receivers' | 'processors' | 'exporters', Readonly<Record<string, readonly Signal[]>>>
> = {
  receivers: {
    prometheus: METRICS,
    hostmetrics: METRICS,
    kubeletstats: METRICS,
    statsd: METRICS,
    carbon: METRICS,
    docker_stats: METRICS,
    awsecscontainermetrics: METRICS,
    awscontainerinsightreceiver: METRICS,
    filelog: LOGS,
    journald: LOGS,
    syslog: LOGS,
    fluentforward: LOGS,
    windowseventlog: LOGS,
    k8s_events: LOGS,
    k8sobjects: LOGS,
    zipkin: TRACES,
    jaeger: TRACES,
    awsxray: TRACES,
  },
  processors: {
    tail_sampling: TRACES,
    groupbytrace: TRACES,
    span: TRACES,
    probabilistic_sampler: ['traces', 'logs'],
    metricstransform: METRICS,
    cumulativetodelta: METRICS,
    deltatocumulative: METRICS,
    deltatorate: METRICS,
    logdedup: LOGS,
  },
  exporters: {
    prometheus: METRICS,
    prometheusremotewrite: METRICS,
    awsemf: METRICS,
    awscloudwatchlogs: LOGS,
    awsxray: TRACES,
    zipkin: TRACES,
  },
};

/** The signals a component of this kind and type accepts, or undefined when any (or unknown). */
export function componentSignals(
  kind: 'receivers' | 'processors' | 'exporters',
  id: string,
): readonly Signal[] | undefined {
  return COMPONENT_SIGNALS[kind][id.split('/')[0] ?? id];
}
