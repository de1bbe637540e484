import type * as Barchart from '@grafana/grafana-foundation-sdk/barchart';
import type * as Bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import type * as Cloudwatch from '@grafana/grafana-foundation-sdk/cloudwatch';
import type * as Common from '@grafana/grafana-foundation-sdk/common';
import type * as Dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type * as Gauge from '@grafana/grafana-foundation-sdk/gauge';
import type * as Heatmap from '@grafana/grafana-foundation-sdk/heatmap';
import type * as Logs from '@grafana/grafana-foundation-sdk/logs';
import type * as Loki from '@grafana/grafana-foundation-sdk/loki';
import type * as Prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import type * as Stat from '@grafana/grafana-foundation-sdk/stat';
import type * as Table from '@grafana/grafana-foundation-sdk/table';
import type * as Text from '@grafana/grafana-foundation-sdk/text';
import type * as Timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { requireCommonJs } from '../../commonjs-packages.ts';

/**
 * The foundation SDK's modules, loaded with require. The SDK is CommonJS (158 files for these
 * entry points); imported as ESM under the CLI's TypeScript loader, every one of its files
 * made a round trip to the loader's hook thread, ~150 ms of every obsgen run.
 */
export const barchart = requireCommonJs('@grafana/grafana-foundation-sdk/barchart') as typeof Barchart;
export const bargauge = requireCommonJs('@grafana/grafana-foundation-sdk/bargauge') as typeof Bargauge;
export const cloudwatch = requireCommonJs('@grafana/grafana-foundation-sdk/cloudwatch') as typeof Cloudwatch;
export const common = requireCommonJs('@grafana/grafana-foundation-sdk/common') as typeof Common;
export const dashboard = requireCommonJs('@grafana/grafana-foundation-sdk/dashboard') as typeof Dashboard;
export const gauge = requireCommonJs('@grafana/grafana-foundation-sdk/gauge') as typeof Gauge;
export const heatmap = requireCommonJs('@grafana/grafana-foundation-sdk/heatmap') as typeof Heatmap;
export const logs = requireCommonJs('@grafana/grafana-foundation-sdk/logs') as typeof Logs;
export const loki = requireCommonJs('@grafana/grafana-foundation-sdk/loki') as typeof Loki;
export const prometheus = requireCommonJs('@grafana/grafana-foundation-sdk/prometheus') as typeof Prometheus;
export const stat = requireCommonJs('@grafana/grafana-foundation-sdk/stat') as typeof Stat;
export const table = requireCommonJs('@grafana/grafana-foundation-sdk/table') as typeof Table;
export const text = requireCommonJs('@grafana/grafana-foundation-sdk/text') as typeof Text;
export const timeseries = requireCommonJs('@grafana/grafana-foundation-sdk/timeseries') as typeof Timeseries;
