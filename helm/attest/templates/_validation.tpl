{{/*
Checks of combinations the values schema cannot express; every rendered release includes it
(from worker.yaml), so `helm install`/`helm template` stop with a message saying what to set.
*/}}
{{- define "attest.failNoDatabase" -}}
{{- fail "attest needs a PostgreSQL database: keep postgresql.enabled=true for the bundled one, or set postgresql.enabled=false together with externalDatabase.existingSecret, the name of a Secret holding the keys externalDatabase.attestUrlKey (postgresql+psycopg://USER:PASSWORD@HOST:5432/attest) and externalDatabase.prefectUrlKey (postgresql+asyncpg://USER:PASSWORD@HOST:5432/prefect)" -}}
{{- end -}}

{{- define "attest.validate" -}}
{{- if and (not .Values.postgresql.enabled) (not .Values.externalDatabase.existingSecret) -}}
{{- include "attest.failNoDatabase" . -}}
{{- end -}}
{{- if and .Values.postgresql.enabled .Values.externalDatabase.existingSecret -}}
{{- fail "externalDatabase.existingSecret is set but postgresql.enabled is true: set postgresql.enabled=false to use the external database, or unset externalDatabase.existingSecret" -}}
{{- end -}}
{{- if and .Values.reviewApp.enabled .Values.reviewApp.ingress.enabled (not .Values.reviewApp.ingress.host) -}}
{{- fail "reviewApp.ingress.enabled is true but reviewApp.ingress.host is empty: set the host name the review app is served under" -}}
{{- end -}}
{{- end -}}
