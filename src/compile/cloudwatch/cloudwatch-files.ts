import { jsonFile, type OutputFile } from '../output-file.ts';
import type { SystemArtifacts } from '../system-artifacts.ts';

/**
 * `cloudwatch/<system>/cloudformation.json` (deploy with `aws cloudformation deploy`) and
 * `cloudwatch/<system>/main.tf.json` (a Terraform module), when the system has CloudWatch.
 */
export function cloudwatchFiles({ system, cloudformation, terraform }: SystemArtifacts): OutputFile[] {
  if (cloudformation === undefined || terraform === undefined) return [];
  return [
    jsonFile(`cloudwatch/${system.name}/cloudformation.json`, cloudformation),
    jsonFile(`cloudwatch/${system.name}/main.tf.json`, terraform),
  ];
}
