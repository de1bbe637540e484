import type { RuleIdOf } from '../../rule-id.ts';
import type { DeployedDocument } from '../../compile/system-artifacts.ts';
import { resourceProblems } from '../../kubernetes/resource-problems.ts';
import { subjectOf } from '../../subject.ts';
import type { CheckContext, CheckRule, RuleFinding } from '../rule.ts';

/** Mimir's default `-ruler.max-rules-per-rule-group`. */
const MIMIR_RULES_PER_GROUP = 20;
const MIMIR_NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** One finding per problem of a format: a setting repeated on every dashboard's object is one mistake. */
function finding(
  context: CheckContext,
  system: string,
  format: DeployedDocument['format'],
  paths: readonly string[],
  severity: RuleFinding['severity'],
  rule: RuleIdOf<'deploy'>,
  message: string,
  hint: string,
): RuleFinding {
  const subject = subjectOf.deployed(system, format);
  const where = paths.length === 1 ? paths[0]! : `${paths[0]} and ${paths.length - 1} more`;
  return {
    rule,
    severity,
    message: `${where}: ${message}`,
    subject,
    at: context.project.deployment!.at,
    hint,
    allowedBy: [subject],
  };
}

const HINTS: Record<DeployedDocument['format'], string> = {
  'prometheus-operator':
    "The PrometheusRule is built from deployment({ prometheusOperator }) and the system's rule groups: fix the namespace, labels or the rule named in the message.",
  'grafana-sidecar':
    "The ConfigMap is built from deployment({ grafanaSidecar }) and the dashboard: fix the namespace, label, folder annotation or the dashboard's name.",
  'grafana-operator':
    'The GrafanaDashboard is built from deployment({ grafanaOperator }) and the dashboard: fix the namespace, instanceSelector or resyncPeriod (a Go duration such as 10m).',
  mimir: 'The namespace is namespacePrefix + the system name.',
};

const resourceRule: CheckRule = {
  id: 'deploy/resource',
  description:
    'A Kubernetes object obsgen would write that the API server or its CRD refuses (PrometheusRule and ConfigMap against the kubernetes-models schemas, GrafanaDashboard against its CRD; names, namespaces, labels and sizes as the API server checks them), or that plain `kubectl apply` cannot apply (warning). Nothing refused is written.',
  check(context: CheckContext) {
    return context.artifacts.flatMap(({ system, deployed }) => {
      const found = new Map<
        string,
        { format: DeployedDocument['format']; severity: RuleFinding['severity']; message: string; paths: string[] }
      >();
      for (const document of deployed) {
        if (document.format === 'mimir') continue;
        for (const problem of resourceProblems(document.object)) {
          // Sizes differ per object; every other message is the same wherever the setting repeats.
          const message = `${document.object.kind} ${problem.message}`;
          const key = `${document.format} ${problem.severity} ${problem.severity === 'warning' ? document.path : message}`;
          const entry = found.get(key) ?? { format: document.format, severity: problem.severity, message, paths: [] };
          entry.paths.push(document.path);
          found.set(key, entry);
        }
      }
      return [...found.values()].map((entry) =>
        finding(
          context,
          system.name,
          entry.format,
          entry.paths,
          entry.severity,
          'deploy/resource',
          entry.message,
          entry.severity === 'warning'
            ? 'Apply it with `kubectl apply --server-side` (or kubectl create/replace), or split the dashboard.'
            : HINTS[entry.format],
        ),
      );
    });
  },
};

const mimirRule: CheckRule = {
  id: 'deploy/mimir',
  description:
    "A Mimir/Cortex ruler namespace the ruler refuses: a namespace name that is not a plain word, or a rule group with more rules than the ruler allows (`maxRulesPerGroup`, Mimir's default 20).",
  check(context: CheckContext) {
    const limit = context.project.deployment?.mimir?.maxRulesPerGroup ?? MIMIR_RULES_PER_GROUP;
    return context.artifacts.flatMap(({ system, deployed }) =>
      deployed.flatMap((document) => {
        if (document.format !== 'mimir') return [];
        const findings: RuleFinding[] = [];
        const { namespace } = document.namespace;
        if (!MIMIR_NAMESPACE.test(namespace))
          findings.push(
            finding(
              context,
              system.name,
              'mimir',
              [document.path],
              'error',
              'deploy/mimir',
              `namespace ${JSON.stringify(namespace)} is not a plain name (letters, digits, "_", "." and "-")`,
              HINTS.mimir,
            ),
          );
        for (const group of document.namespace.groups) {
          const rules = Array.isArray(group.rules) ? group.rules.length : 0;
          if (rules > limit)
            findings.push(
              finding(
                context,
                system.name,
                'mimir',
                [document.path],
                'error',
                'deploy/mimir',
                `group ${String(group.name)} has ${rules} rules; the ruler refuses groups of more than ${limit} (-ruler.max-rules-per-rule-group)`,
                `Split the group, or set deployment({ mimir: { maxRulesPerGroup } }) to the tenant's limit.`,
              ),
            );
        }
        return findings;
      }),
    );
  },
};

export const DEPLOY_RULES: readonly CheckRule[] = [resourceRule, mimirRule];
