{{/* Chart name, 63 characters at most (a DNS label). */}}
{{- define "clustertour.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: <release>-<chart>, or the release name when it already contains the chart name. */}}
{{- define "clustertour.fullname" -}}
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

{{/* name-version for the helm.sh/chart label. */}}
{{- define "clustertour.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The labels every object of the release carries. */}}
{{- define "clustertour.labels" -}}
helm.sh/chart: {{ include "clustertour.chart" . }}
{{ include "clustertour.selectorLabels" . }}
app.kubernetes.io/version: {{ include "clustertour.versionLabel" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: clustertour
{{- end }}

{{/*
The labels of the `helm test` objects: another app.kubernetes.io/name, so that no selector of the operator's
(Services, PodDisruptionBudget, NetworkPolicy, spread constraints) ever picks the test pod.
*/}}
{{- define "clustertour.testLabels" -}}
helm.sh/chart: {{ include "clustertour.chart" . }}
{{ include "clustertour.testSelectorLabels" . }}
app.kubernetes.io/version: {{ include "clustertour.versionLabel" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: test
app.kubernetes.io/part-of: clustertour
{{- end }}

{{/* Labels that select the operator pods; never change them in an upgrade (Deployment selectors are immutable). */}}
{{- define "clustertour.selectorLabels" -}}
app.kubernetes.io/name: {{ include "clustertour.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The ServiceAccount the operator runs as. */}}
{{- define "clustertour.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "clustertour.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* "true" when the replicas elect a leader: forced by leaderElection.enabled, or auto with more than one. */}}
{{- define "clustertour.leaderElection" -}}
{{- $mode := .Values.leaderElection.enabled }}
{{- if kindIs "bool" $mode }}
{{- ternary "true" "false" $mode }}
{{- else }}
{{- ternary "true" "false" (gt (int .Values.replicaCount) 1) }}
{{- end }}
{{- end }}

{{/*
The image reference: repository:tag, or pinned by image.digest: repository@digest (no tag given) or
repository:tag@digest (the tag only for people reading it; the runtime pulls the digest). A tag that is
itself a digest (sha256:...) is used as one.
*/}}
{{- define "clustertour.image" -}}
{{- $repo := .Values.image.repository }}
{{- $tag := .Values.image.tag | toString }}
{{- $digest := .Values.image.digest }}
{{- if and $digest $tag }}
{{- printf "%s:%s@%s" $repo $tag $digest }}
{{- else if $digest }}
{{- printf "%s@%s" $repo $digest }}
{{- else if regexMatch "^sha(256|512):" $tag }}
{{- /* a digest given as the tag: repository:sha256:... would not parse */}}
{{- printf "%s@%s" $repo $tag }}
{{- else }}
{{- printf "%s:%s" $repo ($tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/*
The app.kubernetes.io/version label: the tag (else appVersion) made a valid label value whatever the tag
holds. A digest after "@" is dropped, characters a label cannot hold become "_", then at most 63 characters
that begin and end alphanumeric (a tag that is itself a digest, sha256:..., becomes sha256_...).
*/}}
{{- define "clustertour.versionLabel" -}}
{{- $v := .Values.image.tag | default .Chart.AppVersion | toString }}
{{- $v = regexReplaceAll "@.*$" $v "" }}
{{- $v = regexReplaceAll "[^-A-Za-z0-9_.]" $v "_" }}
{{- $v = $v | trunc 63 | trimAll "-_." }}
{{- $v }}
{{- end }}

{{/* The Lease name the operator elects its leader with (OperatorRuntime.LEASE_NAME). */}}
{{- define "clustertour.leaseName" -}}
clustertour-operator-leader
{{- end }}

{{/* Whether the cluster serves prometheus-operator's ServiceMonitor. */}}
{{- define "clustertour.hasServiceMonitor" -}}
{{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1/ServiceMonitor" }}true{{ end }}
{{- end }}

{{- define "clustertour.hasPrometheusRule" -}}
{{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1/PrometheusRule" }}true{{ end }}
{{- end }}

{{/* Where the evidence Secret is mounted; the receivers read their PEM files from here. */}}
{{- define "clustertour.evidenceDir" -}}
/etc/clustertour/evidence
{{- end }}

{{/* Fails the render on evidence settings that cannot work. */}}
{{- define "clustertour.evidenceChecks" -}}
{{- if .Values.evidence.enabled }}
{{- if not .Values.evidence.tlsSecret }}
{{- fail "evidence.tlsSecret is required when evidence.enabled is true: a Secret with tls.crt, tls.key and ca.crt (hack/evidence-config.sh prints the kubectl line)" }}
{{- end }}
{{- if gt (int .Values.replicaCount) 1 }}
{{- fail "evidence.enabled needs replicaCount 1: the Service would spread the API server's audit batches and spans over all replicas, and a tour sees only what reached the replica that runs it" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of the `helm test` tour, its namespace, pod and ServiceAccount: <fullname>-test, a DNS label. */}}
{{- define "clustertour.testName" -}}
{{- printf "%s-test" (include "clustertour.fullname" . | trunc 58 | trimSuffix "-") }}
{{- end }}

{{/* NetworkPolicy egress rules of the operator and the test pod: DNS, the API server, networkPolicy.extraEgress. */}}
{{- define "clustertour.networkPolicyEgress" -}}
{{- $np := .Values.networkPolicy -}}
- to:
    - namespaceSelector:
        {{- toYaml $np.dns.namespaceSelector | nindent 8 }}
      podSelector:
        {{- toYaml $np.dns.podSelector | nindent 8 }}
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
- to:
    {{- range $np.apiServer.cidrs }}
    - ipBlock:
        cidr: {{ . }}
    {{- end }}
  ports:
    {{- range $np.apiServer.ports }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
{{- with $np.extraEgress }}
{{- toYaml . | nindent 0 }}
{{- end }}
{{- end }}

{{/* Selects the `helm test` pod only. */}}
{{- define "clustertour.testSelectorLabels" -}}
app.kubernetes.io/name: {{ printf "%s-test" (include "clustertour.name" . | trunc 58 | trimSuffix "-") }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
