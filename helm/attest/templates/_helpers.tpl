{{/*
Names, labels and shared snippets of the attest chart. Only the functions the offline renderer
(tests/helm/render/main.go) implements are used: include, define, template, toYaml, nindent, indent,
quote, default, required, fail, printf, trunc, trimSuffix, replace, b64enc, eq, ne, not, and, or.
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "attest.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The prefix of every resource name: fullnameOverride, else the release name when it is the chart
name, else "<release>-<chart>". Cut to 42 characters so that the longest suffix the chart
appends ("-pipeline-egress") still gives a valid 63-character DNS label.
*/}}
{{- define "attest.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 42 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "attest.name" . -}}
{{- if eq .Release.Name $name -}}
{{- .Release.Name | trunc 42 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 42 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* "<chart>-<version>" for the helm.sh/chart label. */}}
{{- define "attest.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every resource carries; add app.kubernetes.io/component after them. */}}
{{- define "attest.labels" -}}
helm.sh/chart: {{ include "attest.chart" . }}
{{ include "attest.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: attest
app.kubernetes.io/managed-by: Helm
{{- end -}}

{{/* Labels that select this release's pods; add app.kubernetes.io/component after them. */}}
{{- define "attest.selectorLabels" -}}
app.kubernetes.io/name: {{ include "attest.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* attest's image, tagged with the appVersion unless image.tag is set. */}}
{{- define "attest.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* Pod securityContext of the attest pods: non-root, RuntimeDefault seccomp. */}}
{{- define "attest.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurity.runAsUser }}
runAsGroup: {{ .Values.podSecurity.runAsGroup }}
fsGroup: {{ .Values.podSecurity.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container securityContext: no privileges, no capabilities, read-only root filesystem. */}}
{{- define "attest.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurity.runAsUser }}
runAsGroup: {{ .Values.podSecurity.runAsGroup }}
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Environment that keeps the tools' home folders in the writable /tmp volume. */}}
{{- define "attest.homeEnv" -}}
- name: HOME
  value: /tmp
- name: USER
  value: attest
{{- end -}}

{{/* Service of the Prefect API, as the workers and flow runs reach it. */}}
{{- define "attest.prefectApiUrl" -}}
{{- printf "http://%s-prefect:4200/api" (include "attest.fullname" .) -}}
{{- end -}}

{{/* OpenAI-compatible base URL of the model server. */}}
{{- define "attest.llmUrl" -}}
{{- printf "http://%s-vllm:8000/v1" (include "attest.fullname" .) -}}
{{- end -}}

{{/*
The Secret holding the database URLs: the chart's (or postgresql.auth.existingSecret) for the
bundled PostgreSQL, externalDatabase.existingSecret otherwise; fails when neither is set.
*/}}
{{- define "attest.databaseSecret" -}}
{{- if .Values.postgresql.enabled -}}
{{- default (printf "%s-postgresql" (include "attest.fullname" .)) .Values.postgresql.auth.existingSecret -}}
{{- else if .Values.externalDatabase.existingSecret -}}
{{- .Values.externalDatabase.existingSecret -}}
{{- else -}}
{{- include "attest.failNoDatabase" . -}}
{{- end -}}
{{- end -}}

{{- define "attest.attestUrlKey" -}}
{{- if .Values.postgresql.enabled -}}attest-url{{- else -}}{{ .Values.externalDatabase.attestUrlKey }}{{- end -}}
{{- end -}}

{{- define "attest.prefectUrlKey" -}}
{{- if .Values.postgresql.enabled -}}prefect-url{{- else -}}{{ .Values.externalDatabase.prefectUrlKey }}{{- end -}}
{{- end -}}

{{/* Environment entries with the database URLs, from the database Secret. */}}
{{- define "attest.attestDbEnv" -}}
- name: ATTEST_DB
  valueFrom:
    secretKeyRef:
      name: {{ include "attest.databaseSecret" . }}
      key: {{ include "attest.attestUrlKey" . }}
{{- end -}}

{{/* The Secret and key holding the model server's API key. */}}
{{- define "attest.vllmKeySecret" -}}
{{- default (printf "%s-vllm" (include "attest.fullname" .)) .Values.vllm.apiKey.existingSecret -}}
{{- end -}}

{{- define "attest.vllmKeyEnv" -}}
valueFrom:
  secretKeyRef:
    name: {{ include "attest.vllmKeySecret" . }}
    key: {{ .Values.vllm.apiKey.key }}
{{- end -}}

{{/* Claims of the model weights, the inbox and the outbox. */}}
{{- define "attest.modelsClaim" -}}
{{- default (printf "%s-models" (include "attest.fullname" .)) .Values.vllm.models.existingClaim -}}
{{- end -}}

{{- define "attest.inboxClaim" -}}
{{- default (printf "%s-inbox" (include "attest.fullname" .)) .Values.storage.inbox.existingClaim -}}
{{- end -}}

{{- define "attest.outboxClaim" -}}
{{- default (printf "%s-outbox" (include "attest.fullname" .)) .Values.storage.outbox.existingClaim -}}
{{- end -}}

{{/* A Prefect job-template placeholder, "{{ name }}" with its JSON quotes. */}}
{{- define "attest.prefectVar" -}}
{{- printf "\"{{ %s }}\"" . -}}
{{- end -}}
