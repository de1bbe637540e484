import type { Project } from '../../model/system.ts';
import { jsonFile, type OutputFile } from '../output-file.ts';
import { cloudformationTemplate } from './cloudformation-template.ts';
import { terraformJson } from './terraform-json.ts';

/**
 * `cloudwatch/<system>/cloudformation.json` (deploy with `aws cloudformation deploy`) and
 * `cloudwatch/<system>/main.tf.json` (a Terraform module), for every system with CloudWatch.
 */
export function cloudwatchFiles(project: Project): OutputFile[] {
  return project.systems.flatMap((system) => {
    const template = cloudformationTemplate(system);
    const terraform = terraformJson(system);
    if (template === undefined || terraform === undefined) return [];
    return [jsonFile(`cloudwatch/${system.name}/cloudformation.json`, template), jsonFile(`cloudwatch/${system.name}/main.tf.json`, terraform)];
  });
}
