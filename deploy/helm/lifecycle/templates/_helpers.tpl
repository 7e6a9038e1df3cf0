{{/* The four services, in a fixed order. */}}
{{- define "lifecycle.components" -}}
ingestion segmentation campaign analytics
{{- end }}

{{- define "lifecycle.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-wide name prefix; the release name alone when it already names the chart. */}}
{{- define "lifecycle.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "lifecycle.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "lifecycle.labels" -}}
helm.sh/chart: {{ include "lifecycle.chart" . }}
app.kubernetes.io/name: {{ include "lifecycle.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: lifecycle
{{- end }}

{{/* Selector labels of one service's pods: dict "root" $ "component" "ingestion". */}}
{{- define "lifecycle.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lifecycle.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Labels of one service's objects: dict "root" $ "component" "ingestion". */}}
{{- define "lifecycle.componentLabels" -}}
{{ include "lifecycle.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Name of one service's objects, e.g. lifecycle-ingestion: dict "root" $ "component" "ingestion". */}}
{{- define "lifecycle.componentName" -}}
{{- printf "%s-%s" (include "lifecycle.fullname" .root | trunc 50 | trimSuffix "-") .component }}
{{- end }}

{{/* The Secret holding the suite's keys and passwords. */}}
{{- define "lifecycle.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "lifecycle.fullname" .)) }}
{{- end }}

{{- define "lifecycle.image" -}}
{{- $svc := index .root.Values.services .component }}
{{- $repository := $svc.image.repository | default (printf "%s/%s-service" .root.Values.image.repositoryPrefix .component) }}
{{- $tag := $svc.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}

{{/* The public path a service exposes through the ingress, empty for none. */}}
{{- define "lifecycle.publicPath" -}}
{{- if eq .component "ingestion" }}/v1
{{- else if eq .component "campaign" }}/t
{{- else if eq .component "analytics" }}{{ .root.Values.dashboard.path }}
{{- end }}
{{- end }}

{{/* The host a service's public path is served on. */}}
{{- define "lifecycle.publicHost" -}}
{{- $ing := .root.Values.ingress }}
{{- if eq .component "ingestion" }}{{ $ing.trackingApiHost | default $ing.host }}
{{- else if eq .component "campaign" }}{{ $ing.trackingLinksHost | default $ing.host }}
{{- else if eq .component "analytics" }}{{ $ing.dashboardHost | default $ing.host }}
{{- end }}
{{- end }}

{{/* The address of the tracking links: tracking.baseUrl, else the ingress's tracking-links host. */}}
{{- define "lifecycle.trackingBaseUrl" -}}
{{- if .Values.tracking.baseUrl }}
{{- .Values.tracking.baseUrl }}
{{- else if .Values.ingress.enabled }}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) (include "lifecycle.publicHost" (dict "root" . "component" "campaign")) }}
{{- end }}
{{- end }}

{{/* A JDBC-less PostgreSQL URL of one service's database: dict "root" $ "component" "ingestion". */}}
{{- define "lifecycle.databaseUrl" -}}
{{- $db := (index .root.Values.services .component).database }}
{{- $host := $db.host | default .root.Values.database.host }}
{{- $port := $db.port | default .root.Values.database.port }}
{{- printf "postgresql://%s:%v/%s" $host $port $db.name }}
{{- with .root.Values.database.sslMode }}?sslmode={{ . }}{{ end }}
{{- end }}

{{/* An environment variable's value as text; YAML numbers arrive as floats, so whole ones are printed whole. */}}
{{- define "lifecycle.envValue" -}}
{{- if and (kindIs "float64" .) (eq (floor .) .) }}
{{- printf "%d" (int64 .) }}
{{- else }}
{{- toString . }}
{{- end }}
{{- end }}
