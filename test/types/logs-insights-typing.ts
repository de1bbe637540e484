// The Logs Insights builder takes field names from the log group's schema: a misspelt or
// undeclared field is a compile error (tsc runs over this file in test/typecheck.test.ts).
import { cwl, insights, logGroup, logSchema } from '../../src/index.ts';

const schema = logSchema('typing', {
  service: 'string',
  request: { duration: 'number', path: 'string' },
  error: { type: 'string', message: 'string' },
});
const group = logGroup('/typing', { schema });

insights(group).fields('@timestamp', 'service', 'request.duration', 'error.type').sort('@timestamp');
// @ts-expect-error request.durations is not in the schema
insights(group).fields('request.durations');
// @ts-expect-error `request` is an object, not a leaf field
insights(group).fields('request');
// After stats, only its names and group keys exist.
insights(group)
  .stats({ p95: cwl.pct('request.duration', 95) }, ['request.path'])
  .sort('p95');
insights(group)
  .stats({ p95: cwl.pct('request.duration', 95) }, ['request.path'])
  // @ts-expect-error service was not kept by stats
  .sort('service');
