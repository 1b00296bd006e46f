{{/* The chart name, or nameOverride. */}}
{{- define "metrics-registry.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The resource name: fullnameOverride, or release-chart (just the release when it already
contains the chart name), cut to the 63 characters a DNS label allows.
*/}}
{{- define "metrics-registry.fullname" -}}
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

{{- define "metrics-registry.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels: name and instance only, so that they never change across upgrades. */}}
{{- define "metrics-registry.selectorLabels" -}}
app.kubernetes.io/name: {{ include "metrics-registry.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of every resource of the release. */}}
{{- define "metrics-registry.labels" -}}
helm.sh/chart: {{ include "metrics-registry.chart" . }}
{{ include "metrics-registry.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: service-discovery
app.kubernetes.io/part-of: metrics-registry
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "metrics-registry.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "metrics-registry.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "metrics-registry.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The Secret the pods read credentials from: the existing one, or the chart's when it has data. */}}
{{- define "metrics-registry.secretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else if include "metrics-registry.secretData" . }}
{{- include "metrics-registry.fullname" . }}
{{- end }}
{{- end }}

{{/* The chart's Secret data: only the credentials that are set. */}}
{{- define "metrics-registry.secretData" -}}
{{- if not .Values.secrets.existingSecret }}
{{- with .Values.secrets }}
{{- if .kafkaSaslUsername }}
KAFKA_SASL_USERNAME: {{ .kafkaSaslUsername | b64enc | quote }}
{{- end }}
{{- if .kafkaSaslPassword }}
KAFKA_SASL_PASSWORD: {{ .kafkaSaslPassword | b64enc | quote }}
{{- end }}
{{- if .sdBearerToken }}
SD_BEARER_TOKEN: {{ .sdBearerToken | b64enc | quote }}
{{- end }}
{{- if .sdBasicAuth }}
SD_BASIC_AUTH: {{ .sdBasicAuth | b64enc | quote }}
{{- end }}
{{- if .registryApiToken }}
REGISTRY_API_TOKEN: {{ .registryApiToken | b64enc | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* The port /metrics is served on: METRICS_PORT's, else the HTTP port. */}}
{{- define "metrics-registry.metricsPortName" -}}
{{- if .Values.config.metricsPort }}metrics{{ else }}http{{ end }}
{{- end }}

{{/* Where the Secret of config.kafka.tls is mounted. */}}
{{- define "metrics-registry.kafkaTlsDir" -}}
/etc/metrics-registry/kafka-tls
{{- end }}
