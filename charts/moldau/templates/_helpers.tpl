{{- define "moldau.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "moldau.labels" -}}
app.kubernetes.io/name: moldau-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "moldau.selector" -}}
app.kubernetes.io/name: moldau-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "moldau.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "moldau.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The ClusterRole bound to broker pods that read their Node (rack awareness, NodePort). */}}
{{- define "moldau.brokerClusterRole" -}}
{{- printf "%s-broker" (include "moldau.fullname" . | trunc 56 | trimSuffix "-") -}}
{{- end -}}
