{{- define "api-gateway.fullname" -}}
{{- printf "api-gateway-%s" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "api-gateway.labels" -}}
app.kubernetes.io/name: api-gateway
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "api-gateway.tlsSecret" -}}
{{- if eq .Values.tls.source "cert-manager" -}}
{{- printf "%s-tls" (include "api-gateway.fullname" .) -}}
{{- else -}}
{{- required "tls.secretName is required when tls.source is secret" .Values.tls.secretName -}}
{{- end -}}
{{- end -}}
