// The foundation SDK's entry points obsgen builds dashboards with, imported in one place. The
// package bundle (scripts/build-package.mjs) carries them, so they cost no module resolution.
export * as barchart from '@grafana/grafana-foundation-sdk/barchart';
export * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
export * as cloudwatch from '@grafana/grafana-foundation-sdk/cloudwatch';
export * as common from '@grafana/grafana-foundation-sdk/common';
export * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
export * as gauge from '@grafana/grafana-foundation-sdk/gauge';
export * as heatmap from '@grafana/grafana-foundation-sdk/heatmap';
export * as logs from '@grafana/grafana-foundation-sdk/logs';
export * as loki from '@grafana/grafana-foundation-sdk/loki';
export * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
export * as stat from '@grafana/grafana-foundation-sdk/stat';
export * as table from '@grafana/grafana-foundation-sdk/table';
export * as text from '@grafana/grafana-foundation-sdk/text';
export * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
