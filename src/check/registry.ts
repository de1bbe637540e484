import type { RuleId } from '../rule-id.ts';
import { metricBudgetRule } from './cardinality/metric-budget.ts';
import { systemBudgetRule } from './cardinality/system-budget.ts';
import { unboundedLabelRule } from './cardinality/unbounded-label.ts';
import { bucketScaleRule } from './catalog/bucket-scale.ts';
import { missingHelpRule } from './catalog/missing-help.ts';
import { catalogShapeRule } from './catalog/shape.ts';
import { undeclaredLabelRule } from './catalog/undeclared-label.ts';
import { unusedLabelRule } from './catalog/unused-label.ts';
import { baseUnitRule } from './naming/base-unit.ts';
import { counterSuffixRule } from './naming/counter-suffix.ts';
import { derivedMetricRule } from './naming/derived-metric.ts';
import { labelNameRule } from './naming/label-name.ts';
import { metricNameRule } from './naming/metric-name.ts';
import { otelTranslationRule } from './naming/otel-translation.ts';
import { reservedSuffixRule } from './naming/reserved-suffix.ts';
import { duplicateSystemRule } from './project/duplicate-system.ts';
import { projectExtensionsRule } from './project/extensions.ts';
import type { ProjectRule, CheckRule } from './rule.ts';
import { expensiveQueryRule } from './promql/expensive-query.ts';
import { needlessRegexpRule } from './promql/needless-regexp.ts';
import { inhibitEqualRule, inhibitUnmatchedRule } from './alertmanager/inhibition-rules.ts';
import { literalSecretRule, unusedRule } from './alertmanager/receiver-rules.ts';
import { groupByRule, shadowedRouteRule, unmatchableRouteRule, unroutedRule } from './alertmanager/routing-rules.ts';
import { structureRule as alertmanagerStructureRule } from './alertmanager/structure-rule.ts';
import { notificationLinksRule, templateRule } from './alertmanager/template-rules.ts';
import { timingRule as alertmanagerTimingRule } from './alertmanager/timing-rule.ts';
import { PROMQL_RULES } from './promql/query-rules.ts';
import { OTEL_RULES } from './otel/collector-rules.ts';
import { LABEL_EDIT_RULE } from './otel/label-edit-rule.ts';
import { DASHBOARD_RULES, duplicateUidRule, legendLabelRule, unitMismatchRule } from './dashboard/dashboard-rules.ts';
import { DEPLOY_RULES } from './deploy/deployment-rules.ts';
import { CLOUDWATCH_RULES } from './cloudwatch/cloudwatch-rules.ts';
import { dropAppliedRule } from './cardinality/drop-applied.ts';
import { alertAnnotationsRule } from './rules/alert-annotations.ts';
import { alertDashboardLinkRule } from './rules/alert-dashboard-link.ts';
import { alertNameStyleRule } from './rules/alert-name-style.ts';
import { alertNoComparisonRule } from './rules/alert-no-comparison.ts';
import { alertSeverityRule } from './rules/alert-severity.ts';
import { alertTemplateRule } from './rules/alert-template.ts';
import { alertTestRule } from './rules/alert-test.ts';
import { alertUntestedRule } from './rules/alert-untested.ts';
import { alertTimingRule } from './rules/alert-timing.ts';
import { alertThresholdScaleRule } from './rules/alert-threshold-scale.ts';
import { ruleDuplicateRule } from './rules/rule-duplicate.ts';
import { ruleRecordNameRule } from './rules/rule-record-name.ts';
import { ruleFragileRule } from './rules/rule-fragile.ts';
import { sloImpossibleTierRule } from './slo/impossible-tier.ts';
import { sloObjectiveRangeRule } from './slo/objective-range.ts';
import { sloNameRule } from './slo/slo-name.ts';
import { sloSliRule } from './slo/sli-shape.ts';
import { sloSliContradictionRule } from './slo/sli-contradiction.ts';
import { sloThresholdNotABucketRule } from './slo/threshold-not-a-bucket.ts';
import { sloWindowTooShortRule } from './slo/window-too-short.ts';

/** Every rule obsgen runs, in the order findings are produced. */
export const RULES: readonly (CheckRule | ProjectRule)[] = [
  duplicateSystemRule,
  projectExtensionsRule,
  catalogShapeRule,
  undeclaredLabelRule,
  missingHelpRule,
  unusedLabelRule,
  bucketScaleRule,
  metricNameRule,
  labelNameRule,
  counterSuffixRule,
  baseUnitRule,
  reservedSuffixRule,
  derivedMetricRule,
  otelTranslationRule,
  unboundedLabelRule,
  metricBudgetRule,
  systemBudgetRule,
  dropAppliedRule,
  ...PROMQL_RULES,
  needlessRegexpRule,
  expensiveQueryRule,
  alertTemplateRule,
  alertNoComparisonRule,
  alertAnnotationsRule,
  alertDashboardLinkRule,
  alertNameStyleRule,
  alertSeverityRule,
  alertUntestedRule,
  alertTimingRule,
  alertThresholdScaleRule,
  alertTestRule,
  ruleDuplicateRule,
  ruleRecordNameRule,
  ruleFragileRule,
  sloNameRule,
  sloObjectiveRangeRule,
  sloImpossibleTierRule,
  sloThresholdNotABucketRule,
  sloWindowTooShortRule,
  sloSliRule,
  sloSliContradictionRule,
  ...OTEL_RULES,
  LABEL_EDIT_RULE,
  ...DASHBOARD_RULES,
  unitMismatchRule,
  legendLabelRule,
  duplicateUidRule,
  ...CLOUDWATCH_RULES,
  ...DEPLOY_RULES,
  alertmanagerStructureRule,
  unroutedRule,
  unmatchableRouteRule,
  shadowedRouteRule,
  groupByRule,
  inhibitEqualRule,
  inhibitUnmatchedRule,
  literalSecretRule,
  unusedRule,
  templateRule,
  notificationLinksRule,
  alertmanagerTimingRule,
];

/** Rules about the checks themselves, produced by the runner. */
export const META_RULES = [
  { id: 'allow/unknown-rule', description: 'An allow entry names a rule id that does not exist.' },
  { id: 'allow/unused', description: 'An allow entry silences nothing; remove it so it cannot hide a future finding.' },
  {
    id: 'allow/not-allowed',
    description:
      'An allow entry names a rule whose errors mean the real tool would refuse the output (promql/syntax, rule/invalid, otel/structure, a schema, …): allow silences judgements, never those.',
  },
  { id: 'definitions/load', description: 'The definitions file failed to load (exit code 2).' },
  {
    id: 'definition/unknown-key',
    description:
      'An object passed to a constructor has a key obsgen does not read (threshhold for threshold, lables for labels): it would be ignored, so it is an error, with the key it most likely meant. Checked for every public constructor against its shape before anything is compiled; allow cannot silence it.',
  },
  {
    id: 'definition/missing-value',
    description:
      'A key a constructor needs has no value (an alarm without threshold, an alert without description): nothing is compiled until it has one. allow cannot silence it.',
  },
  {
    id: 'definition/wrong-type',
    description:
      'A key that takes text was given something else (a webhook url written as secretFile(), a number for a channel): definitions that skip the type checker reach obsgen this way, and nothing is compiled from them. allow cannot silence it.',
  },
  {
    id: 'verify/missing-metric',
    description:
      '`obsgen verify`: a declared metric has no series in the live Prometheus over the window (renamed, not emitted, or never scraped).',
  },
  {
    id: 'verify/undeclared-metric',
    description:
      '`obsgen verify`: the system\'s targets (--match, or job="<system>") expose a metric its catalog does not declare (warning).',
  },
  {
    id: 'verify/undeclared-label',
    description:
      "`obsgen verify`: a metric's live series carry a label its declaration does not list (or one the catalog drops).",
  },
  {
    id: 'verify/absent-label',
    description: '`obsgen verify`: a declared label is on none of the live series (warning).',
  },
  {
    id: 'verify/label-value',
    description: "`obsgen verify`: live series have a label value outside the label's oneOf domain.",
  },
  {
    id: 'verify/over-bound',
    description:
      "`obsgen verify`: more values than a bounded label allows, more label combinations than a metric's combinations cap, or more series than a metric's or the system's budget.",
  },
  {
    id: 'verify/buckets',
    description: "`obsgen verify`: a histogram's live buckets (le) differ from the declared ones.",
  },
  {
    id: 'verify/type',
    description: "`obsgen verify`: Prometheus' metadata gives a metric another type than the catalog declares.",
  },
  {
    id: 'verify/recording-missing',
    description:
      "`obsgen verify`: a recording rule's output, or an SLO's 5m error ratio (slo:sli_error:ratio_rate5m by its Sloth id), has no series: its rules are not loaded, or it records nothing.",
  },
  { id: 'build/stale-output', description: 'The committed output directory differs from what build would write.' },
  {
    id: 'rule/invalid',
    description:
      "A rule group, rule or alert test has a value Prometheus or promtool rejects: a duration that is not one (for: '5 minutes'), an empty group name, a label name or recording name that is not valid, a label or annotation value that is not text, or a test time or expected value that is not one. The rule is left out of the compilation.",
  },
  {
    id: 'slo/invalid',
    description:
      "An SLO field has a value no rule can be built from: a period that is not a positive Prometheus duration (period: 'a month'), an alert tier's or the no-data alert's `for` that is not a duration, or by labels that are not names. The SLO is left out of the compilation.",
  },
  {
    id: 'output/unsafe-path',
    description:
      'A name that becomes a file name (system, rule group, alert, SLO, dashboard) would make a path outside its folder, an empty or hidden name, or characters a file name should not have; nothing is written.',
  },
  {
    id: 'output/collision',
    description:
      'Two outputs would have one path, e.g. a dashboard named slos or slo-<name> beside the generated SLO dashboards: one would overwrite the other.',
  },
  { id: 'test/promtool-check', description: '`obsgen test`: promtool check rules rejects a generated rule file.' },
  { id: 'test/promtool-test', description: '`obsgen test`: a generated promtool unit test fails.' },
  {
    id: 'test/amtool-check',
    description: '`obsgen test`: amtool check-config rejects the generated alertmanager.yml (or amtool is missing).',
  },
  {
    id: 'test/amtool-routes',
    description:
      "`obsgen test`: amtool config routes test sends an alert's labels to other receivers than obsgen computed, or only to the root receiver.",
  },
  {
    id: 'test/otelcol-validate',
    description:
      '`obsgen test`, when an otelcol binary is available: `otelcol validate` rejects a generated collector config.',
  },
] as const satisfies readonly { readonly id: RuleId; readonly description: string }[];

export const RULE_IDS: ReadonlySet<RuleId> = new Set<RuleId>([
  ...RULES.map((rule) => rule.id),
  ...META_RULES.map((rule) => rule.id),
]);
