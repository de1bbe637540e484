/**
 * Extracts JSON Schemas for the CloudFormation resources obsgen emits from the AWS CDK service
 * specification (@aws-cdk/aws-service-spec, the database CDK generates its L1 constructs from),
 * so generated templates are checked against AWS' own property definitions, not ours.
 *
 *   npx tsx scripts/cfn-resource-schemas.ts > src/aws/cfn-resource-schemas.json
 *
 * test/cloudwatch.test.ts regenerates it and fails when the committed file is stale.
 */
import { cfnResourceSchemas } from './cfn-schema-extract.ts';

process.stdout.write(`${JSON.stringify(await cfnResourceSchemas(), null, 2)}\n`);
