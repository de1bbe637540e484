/**
 * Component types of otelcol-contrib as of its v0.135 manifest (every receiver, processor,
 * exporter, extension and connector the distribution builds in), plus the snake_case spellings
 * newer releases accept and older types still found in real configurations.
 */
export const CONTRIB_COMPONENTS = {
  receivers: [
    'nop', 'otlp', 'activedirectoryds', 'aerospike', 'apache', 'apachespark', 'awscloudwatch', 'awscontainerinsightreceiver', 'awsecscontainermetrics', 'awsfirehose',
    'awss3', 'awsxray', 'azureblob', 'azureeventhub', 'azuremonitor', 'bigip', 'carbon', 'chrony', 'cloudflare', 'cloudfoundry', 'collectd', 'couchdb', 'datadog', 'docker_stats',
    'elasticsearch', 'envoyals', 'expvar', 'faro', 'filelog', 'filestats', 'flinkmetrics', 'fluentforward', 'github', 'googlecloudmonitoring', 'googlecloudpubsub',
    'googlecloudspanner', 'haproxy', 'hostmetrics', 'httpcheck', 'influxdb', 'iis', 'jaeger', 'jmx', 'journald', 'k8s_cluster', 'k8s_events', 'k8sobjects', 'kafkametrics', 'kafka',
    'kubeletstats', 'libhoney', 'loki', 'memcached', 'mongodbatlas', 'mongodb', 'mysql', 'namedpipe', 'netflow', 'nginx', 'nsxt', 'ntp', 'oracledb', 'otlpjsonfile', 'otelarrow',
    'podman_stats', 'postgresql', 'prometheus', 'prometheusremotewrite', 'purefa', 'purefb', 'pulsar', 'rabbitmq', 'receiver_creator', 'redis', 'riak', 'saphana', 'signalfx',
    'prometheus_simple', 'skywalking', 'snowflake', 'solace', 'splunkenterprise', 'splunk_hec', 'stef', 'sqlquery', 'sqlserver', 'sshcheck', 'statsd', 'syslog', 'tcpcheck',
    'tcplog', 'tlscheck', 'udplog', 'vcenter', 'wavefront', 'snmp', 'webhookevent', 'windowseventlog', 'windowsperfcounters', 'zipkin', 'zookeeper',
    // snake_case spellings of newer releases, and types of earlier ones
    'otlp_grpc', 'otlp_http', 'file_log', 'host_metrics', 'http_check', 'profiling', 'couchbase', 'tcp_log', 'udp_log',
  ],
  processors: [
    'batch', 'memory_limiter', 'attributes', 'cumulativetodelta', 'coralogix', 'deltatocumulative', 'deltatorate', 'filter', 'geoip', 'groupbyattrs', 'groupbytrace', 'interval',
    'isolationforest', 'k8sattributes', 'logdedup', 'experimental_metricsgeneration', 'metricsgeneration', 'metricstarttime', 'metricstransform', 'probabilistic_sampler', 'redaction',
    'remotetap', 'resourcedetection', 'resource', 'schema', 'span', 'sumologic', 'tail_sampling', 'transform',
    'k8s_attributes', 'resource_detection', 'routing', 'gen_ai_normalizer', 'nop',
  ],
  exporters: [
    'debug', 'nop', 'otlp', 'otlphttp', 'alibabacloud_logservice', 'awscloudwatchlogs', 'awsemf', 'awskinesis', 'awsxray', 'awss3', 'azureblob', 'azuredataexplorer', 'azuremonitor',
    'bmchelix', 'carbon', 'cassandra', 'clickhouse', 'coralogix', 'datadog', 'dataset', 'doris', 'elasticsearch', 'faro', 'file', 'googlecloud', 'googlecloudpubsub',
    'googlemanagedprometheus', 'honeycombmarker', 'influxdb', 'kafka', 'loadbalancing', 'logicmonitor', 'logzio', 'mezmo', 'opensearch', 'otelarrow', 'prometheus',
    'prometheusremotewrite', 'pulsar', 'rabbitmq', 'sapm', 'sentry', 'signalfx', 'splunk_hec', 'stef', 'sumologic', 'syslog', 'tencentcloud_logservice', 'tinybird', 'zipkin',
    'otlp_grpc', 'otlp_http',
  ],
  extensions: [
    'zpages', 'ack', 'asapclient', 'awsproxy', 'azureauth', 'basicauth', 'bearertokenauth', 'cgroupruntime', 'datadog', 'awscloudwatchmetricstreams_encoding', 'awslogs_encoding',
    'googlecloudlogentry_encoding', 'jaeger_encoding', 'json_log_encoding', 'otlp_encoding', 'skywalking_encoding', 'text_encoding', 'zipkin_encoding', 'googleclientauth',
    'headers_setter', 'health_check', 'http_forwarder', 'jaegerremotesampling', 'oauth2client', 'docker_observer', 'ecs_observer', 'ecs_task_observer', 'host_observer', 'k8s_observer',
    'kafkatopics_observer', 'oidc', 'opamp', 'pprof', 'sigv4auth', 'file_storage', 'db_storage', 'redis_storage', 'sumologic', 'k8s_leader_elector',
  ],
  connectors: ['forward', 'count', 'datadog', 'exceptions', 'failover', 'grafanacloud', 'otlpjson', 'roundrobin', 'routing', 'servicegraph', 'spanmetrics', 'sum', 'signaltometrics', 'span_metrics'],
} as const;
