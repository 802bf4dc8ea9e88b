{{- define "mediawiki.fullname" -}}
{{- printf "mediawiki-%s" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "mediawiki.labels" -}}
app.kubernetes.io/name: mediawiki
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The Secret the TLS terminator reads: hand-made, or written by the chart's Certificate. */}}
{{- define "mediawiki.tlsSecret" -}}
{{- if eq .Values.tls.source "cert-manager" -}}
{{- printf "%s-tls-proxy-certs" (include "mediawiki.fullname" .) -}}
{{- else -}}
{{- required "tls.secretName is required when tls.source is secret" .Values.tls.secretName -}}
{{- end -}}
{{- end -}}
