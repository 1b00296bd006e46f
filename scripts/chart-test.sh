#!/usr/bin/env bash
# npm run test:chart: checks the Helm chart in helm/metrics-registry without a cluster.
# Installs what is missing into .tools/ (git-ignored): helm, built from its Go module (several
# minutes the first time, then cached), and kubernetes-validate (the Kubernetes API JSON schemas,
# from PyPI) in a venv; then runs test/chart/ (helm lint, helm template parsed and checked, the
# rendered manifests validated for Kubernetes 1.25 and 1.37, NOTES.txt checked by promtool), and
# kubeconform with the Prometheus Operator's CRDs for the ScrapeConfig and PrometheusRule.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

HELM_VERSION=v3.22.0
# The Kubernetes version helm reports by default: the minor of the k8s.io/client-go (v0.37) that
# helm v3.22.0 is built with, set the way helm's own Makefile sets it.
HELM_K8S_MINOR=37
KUBERNETES_VALIDATE_VERSION=1.37.0
TOOLS="$ROOT/.tools"
export HELM="$TOOLS/bin/helm"
export KUBERNETES_VALIDATE="$TOOLS/venv/bin/kubernetes-validate"

log() { echo "[chart-test] $*" >&2; }

ensure_helm() {
  if [ -x "$HELM" ] && [ "$("$HELM" version --template '{{.Version}}')" = "$HELM_VERSION" ]; then
    return 0
  fi
  command -v go >/dev/null || {
    log "Go is required to build helm (go install helm.sh/helm/v3/cmd/helm@$HELM_VERSION)"
    exit 1
  }
  log "building helm $HELM_VERSION into $TOOLS/bin (a few minutes the first time)"
  local t0=$SECONDS pkg=helm.sh/helm/v3
  GOBIN="$TOOLS/bin" GOFLAGS=-buildvcs=false go install -ldflags "-w -s
    -X $pkg/internal/version.version=$HELM_VERSION -X $pkg/internal/version.gitTreeState=clean
    -X $pkg/pkg/lint/rules.k8sVersionMajor=1 -X $pkg/pkg/lint/rules.k8sVersionMinor=$HELM_K8S_MINOR
    -X $pkg/pkg/chartutil.k8sVersionMajor=1 -X $pkg/pkg/chartutil.k8sVersionMinor=$HELM_K8S_MINOR" \
    "$pkg/cmd/helm@$HELM_VERSION"
  log "helm built in $((SECONDS - t0))s"
}

ensure_kubernetes_validate() {
  if [ -x "$KUBERNETES_VALIDATE" ] &&
    [ "$("$TOOLS/venv/bin/pip" show kubernetes-validate 2>/dev/null | sed -n 's/^Version: //p')" = "$KUBERNETES_VALIDATE_VERSION" ]; then
    return 0
  fi
  log "installing kubernetes-validate $KUBERNETES_VALIDATE_VERSION into $TOOLS/venv"
  python3 -m venv "$TOOLS/venv" 2>/dev/null || {
    apt_install python3-venv
    python3 -m venv "$TOOLS/venv"
  }
  "$TOOLS/venv/bin/pip" install --quiet --disable-pip-version-check \
    "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
}

KUBECONFORM_VERSION=v0.7.0
# The Prometheus Operator whose CRDs (ScrapeConfig, PrometheusRule) the chart's objects are checked
# against: its Go module holds them under example/prometheus-operator-crd/.
PROMETHEUS_OPERATOR_VERSION=v0.85.0
export KUBECONFORM="$TOOLS/bin/kubeconform"
export PROMETHEUS_OPERATOR_CRDS="$ROOT/.cache/prometheus-operator/$PROMETHEUS_OPERATOR_VERSION"

ensure_kubeconform() {
  if [ -x "$KUBECONFORM" ] && [ "$("$KUBECONFORM" -v)" = "$KUBECONFORM_VERSION" ]; then
    return 0
  fi
  log "building kubeconform $KUBECONFORM_VERSION into $TOOLS/bin"
  GOBIN="$TOOLS/bin" GOFLAGS=-buildvcs=false go install -ldflags "-X main.version=$KUBECONFORM_VERSION" \
    "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
}

ensure_operator_crds() {
  local crd
  if [ -f "$PROMETHEUS_OPERATOR_CRDS/monitoring.coreos.com_scrapeconfigs.yaml" ] &&
    [ -f "$PROMETHEUS_OPERATOR_CRDS/monitoring.coreos.com_prometheusrules.yaml" ]; then
    return 0
  fi
  log "fetching the Prometheus Operator $PROMETHEUS_OPERATOR_VERSION CRDs from the Go module proxy"
  local dir
  dir="$(cd "$TOOLS" && go mod download -json "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  mkdir -p "$PROMETHEUS_OPERATOR_CRDS"
  for crd in scrapeconfigs prometheusrules; do
    cp "$dir/example/prometheus-operator-crd/monitoring.coreos.com_$crd.yaml" "$PROMETHEUS_OPERATOR_CRDS/"
  done
}

started=$SECONDS
ensure_node_modules
ensure_prometheus
ensure_helm
ensure_kubernetes_validate
ensure_kubeconform
ensure_operator_crds
log "tools ready in $((SECONDS - started))s: $("$HELM" version --short), kubernetes-validate $KUBERNETES_VALIDATE_VERSION"
npx jest --config test/chart/jest.config.js "$@"
log "passed in $((SECONDS - started))s"
