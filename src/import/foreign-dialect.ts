/**
 * The query language a text that is not PromQL looks like, by the constructs only that language
 * has: MetricsQL (VictoriaMetrics' PromQL superset), LogQL (Loki) or SQL. Undefined when none
 * matches: the text is then simply not PromQL that Prometheus loads.
 */
export function foreignDialect(text: string): 'MetricsQL' | 'LogQL' | 'SQL' | undefined {
  if (/^\s*(SELECT|WITH\s+\w+\s+AS)\b[\s\S]*\bFROM\b/i.test(text)) return 'SQL';
  // A stream selector piped into a line filter or a parser: {app="x"} |= "error", | json.
  if (/\}\s*(\|[=~]|!=\s*"|!~\s*"|\|\s*(json|logfmt|pattern|regexp|line_format|label_format|unwrap)\b)/.test(text))
    return 'LogQL';
  if (/\b(count|bytes|sum)_over_time\s*\(\s*\{[^}]*\}\s*\|/.test(text)) return 'LogQL';
  if (METRICSQL.test(text)) return 'MetricsQL';
  return undefined;
}

/**
 * What MetricsQL has and PromQL does not: its modifiers and operators (keep_metric_names,
 * `default`, `if`, `ifnot`, WITH templates, limit on grouping), and functions of its own.
 */
const METRICSQL = new RegExp(
  [
    String.raw`\bkeep_metric_names\b`,
    String.raw`\)\s*(default|if|ifnot)\s`,
    String.raw`^\s*WITH\s*\(`,
    String.raw`\)\s*limit\s+\d+`,
    String.raw`\b(rollup|rollup_rate|rollup_increase|rollup_delta|rollup_deriv|rollup_scrape_interval|range_median|range_avg|range_max|range_min|range_sum|range_first|range_last|range_quantile|running_sum|running_avg|running_max|running_min|increase_pure|increase_prometheus|rate_over_sum|median_over_time|mode_over_time|tmin_over_time|tmax_over_time|tfirst_over_time|tlast_change_over_time|distinct_over_time|count_eq_over_time|count_gt_over_time|count_le_over_time|count_ne_over_time|share_gt_over_time|share_le_over_time|sum2_over_time|geomean_over_time|histogram_over_time|lifetime|lag|scrape_interval|outlier_iqr_over_time|zscore_over_time|ascent_over_time|descent_over_time|integrate|ideriv|increases_over_time|decreases_over_time|duration_over_time|hoeffding_bound_lower|hoeffding_bound_upper|aggr_over_time|label_set|label_del|label_keep|label_copy|label_move|label_map|label_uppercase|label_lowercase|label_value|label_match|label_mismatch|label_graphite_group|label_transform|sort_by_label|sort_by_label_desc|limit_offset|topk_avg|topk_max|topk_min|topk_median|topk_last|bottomk_avg|bottomk_max|bottomk_min|bottomk_median|bottomk_last|any|outliersk|mad|range_normalize|union|alias|interpolate|keep_last_value|keep_next_value|remove_resets|running_count|smooth_exponential|ru|ttf|now|start|end|step|bitmap_and|bitmap_or|bitmap_xor|buckets_limit|prometheus_buckets|histogram_share|histogram_avg|histogram_stddev|histogram_stdvar)\s*\(`,
  ].join('|'),
  'm',
);
