{{- define "mediawiki.fullname" -}}
{{- printf "mediawiki-%s" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "mediawiki.labels" -}}
app.kubernetes.io/name: mediawiki
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
