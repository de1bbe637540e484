// A team's own rule and output beside obsgen's: every alert names its owning team, and a CSV
// inventory of the alerts is written to generated/alert-inventory/.
import { project, projectCheck, projectOutput, system, type CheckFinding } from 'obsgen';
import { shop } from '../shop/catalog.ts';
import { shopCollector } from '../shop/collector.ts';
import { shopAlerts } from '../shop/rules.ts';

const teamLabel = projectCheck('acme/team-label', {
  description: 'Every alert carries a team label, which our routing and paging read.',
  check: (checked) =>
    checked.ruleGroups.flatMap((group) =>
      group.rules.flatMap((rule): CheckFinding[] =>
        rule.kind === 'alert' && rule.labels?.team === undefined
          ? [
              {
                severity: 'error',
                message: `${rule.name} has no team label.`,
                hint: "Add labels: { team: '<owner>' }.",
                subject: `${checked.name}/alert/${rule.name}`,
                at: rule.at,
              },
            ]
          : [],
      ),
    ),
});

const inventory = projectOutput('alert-inventory', (listed) => [
  {
    path: `${listed.name}.csv`,
    content:
      [
        'alert,severity,for',
        ...listed.ruleGroups.flatMap((group) =>
          group.rules.flatMap((rule) =>
            rule.kind === 'alert' ? [`${rule.name},${rule.severity},${rule.for ?? '0s'}`] : [],
          ),
        ),
      ].join('\n') + '\n',
  },
]);

export default project({
  checks: [teamLabel],
  outputs: [inventory],
  systems: [system({ catalog: shop, rules: [shopAlerts], collector: shopCollector })],
});
