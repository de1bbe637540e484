import type { SystemFacts } from '../derive/system-facts.ts';
import { cloudwatchFiles } from './cloudwatch/cloudwatch-files.ts';
import { runbooks } from './docs/runbooks.ts';
import { systemDashboardFiles } from './grafana/dashboard-files.ts';
import { collectorFiles } from './otel/collector-files.ts';
import type { OutputFile } from './output-file.ts';
import { deploymentFiles } from './deploy/deployment-files.ts';
import { opensloFiles } from './openslo/openslo-files.ts';
import { ruleFiles } from './prometheus/rule-files.ts';
import { ruleTestFiles } from './prometheus/rule-tests.ts';
import type { SystemArtifacts } from './system-artifacts.ts';

/** One system's files, serialized from its facts and artifacts, in a fixed order of kinds. */
export function systemFiles(facts: SystemFacts, artifacts: SystemArtifacts): OutputFile[] {
  return [
    ...ruleFiles(artifacts),
    ...ruleTestFiles(facts.project, artifacts),
    ...runbooks(facts.project, facts.rules),
    ...collectorFiles(artifacts),
    ...systemDashboardFiles(artifacts),
    ...cloudwatchFiles(artifacts),
    ...deploymentFiles(artifacts),
    ...opensloFiles(facts),
  ];
}
