/**
 * obsgen's notification templates: a title, and a text listing each alert with its summary,
 * description, runbook and dashboard links and labels. Integrations without a text of their own use them.
 */
export const OBSGEN_TEMPLATES: readonly { readonly name: string; readonly text: string }[] = [
  {
    name: 'obsgen.title',
    text: '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}{{ with .CommonLabels.system }} ({{ . }}){{ end }}',
  },
  {
    name: 'obsgen.text',
    text: [
      '{{ range .Alerts }}{{ .Annotations.summary }}',
      '{{ .Annotations.description }}',
      'Runbook: {{ .Annotations.runbook_url }}{{ with .Annotations.dashboard_url }}',
      'Dashboard: {{ . }}{{ end }}',
      'Labels:{{ range .Labels.SortedPairs }} {{ .Name }}={{ .Value }}{{ end }}',
      '',
      '{{ end }}',
    ].join('\n'),
  },
  {
    name: 'obsgen.html',
    text: '<pre>{{ template "obsgen.text" . }}</pre>',
  },
];

/** The names definitions may invoke with {{ template "…" . }}; none of theirs may take one. */
export const OBSGEN_TEMPLATE_NAMES: readonly string[] = OBSGEN_TEMPLATES.map((template) => template.name);
