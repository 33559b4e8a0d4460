# ClusterTour — see `make help`.
SHELL := /usr/bin/env bash
MVN ?= $(CURDIR)/mvnw -B -ntp
KUBECONFIG_LOCAL := $(CURDIR)/.cluster/kubeconfig
CRD := clustertours.clustertour.io-v1.yml

.DEFAULT_GOAL := help

##@ General

.PHONY: help
help: ## Show this help.
	@awk 'BEGIN {FS = ":.*##"; printf "Usage: make <target>\n"} /^[a-zA-Z_0-9-]+:.*?##/ { printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2 } /^##@/ { printf "\n\033[1m%s\033[0m\n", substr($$0, 5) }' $(MAKEFILE_LIST)

##@ Development

.PHONY: build
build: ## Build the operator jar (operator/target/cluster-tour-operator.jar) and regenerate the CRD.
	hack/ensure-tools.sh
	$(MVN) -q package -DskipTests

.PHONY: fmt
fmt: ## Format the Java sources (google-java-format via Spotless).
	$(MVN) -q spotless:apply

.PHONY: crds
crds: build ## Copy the generated CRD into crds/ (the build fails when they drift).
	cp operator/target/classes/META-INF/fabric8/$(CRD) crds/$(CRD)

.PHONY: unit
unit: ## Run the unit tests only (no cluster).
	$(MVN) verify -DskipITs

.PHONY: test
test: ## Run all tests: build, unit tests, then real-cluster ITs (KUBECONFIG or the local cluster).
	hack/test.sh

.PHONY: docs
docs: ## Regenerate the test-written sections of docs/ (bad-input and RBAC tables) and the screenshots (make test never writes docs/).
	hack/docs.sh

.PHONY: docs-screenshots
docs-screenshots: ## Run the browser test on a real tour and copy its screenshots into docs/images (only this target writes them).
	hack/docs-screenshots.sh

.PHONY: demo
demo: ## Bring up or reuse a cluster, install the CRD, run the operator, apply the first tour and print what happened.
	hack/demo.sh

##@ kubectl plugin

PREFIX ?= /usr/local/bin

.PHONY: kubectl-plugin
kubectl-plugin: ## Install `kubectl tour` (plugin/kubectl-tour and the jar beside it) into PREFIX (default /usr/local/bin); idempotent.
	hack/install-kubectl-plugin.sh "$(PREFIX)"

##@ Local real cluster (no Docker; run as root)

# PROFILE=bare (default): control plane as host processes, one node. PROFILE=kubeadm: `kubeadm init` + `kubeadm join`,
# two nodes in namespaces of their own beside the bare one (hack/local-cluster/kubeadm/), .cluster-kubeadm/kubeconfig.
PROFILE ?= bare
ifeq ($(PROFILE),kubeadm)
CLUSTER_UP := hack/local-cluster/kubeadm/up.sh
CLUSTER_DOWN := hack/local-cluster/kubeadm/down.sh
CLUSTER_STATUS := hack/local-cluster/kubeadm/status.sh
else ifeq ($(PROFILE),bare)
CLUSTER_UP := hack/local-cluster/up.sh
CLUSTER_DOWN := hack/local-cluster/down.sh
CLUSTER_STATUS := hack/local-cluster/component.sh status
else
$(error PROFILE must be bare or kubeadm, not $(PROFILE))
endif

.PHONY: cluster-up
cluster-up: ## Start (or reuse) the local cluster (PROFILE=bare: single node, supervised; PROFILE=kubeadm: two kubeadm-built nodes); writes .cluster/kubeconfig or .cluster-kubeadm/kubeconfig.
	$(CLUSTER_UP)

.PHONY: cluster-down
cluster-down: ## Stop every process of the local cluster (PROFILE=bare|kubeadm) by pid and remove its state.
	$(CLUSTER_DOWN)

.PHONY: cluster-status
cluster-status: ## Per component of the local cluster (PROFILE=bare|kubeadm): running/stopped/held, pid, restarts (kubeadm: also nodes and kube-system pods).
	$(CLUSTER_STATUS)

.PHONY: cluster-check
cluster-check: ## PROFILE=kubeadm only: a 4-replica Deployment spreads over both nodes; pod-to-pod across nodes and a Service by DNS name answer.
	@[[ "$(PROFILE)" == kubeadm ]] || { echo "cluster-check is for PROFILE=kubeadm" >&2; exit 1; }
	hack/local-cluster/kubeadm/check.sh

.PHONY: cluster-binaries
cluster-binaries: ## Build (or reuse from ~/.cache/clustertour) the pinned Kubernetes and etcd binaries.
	hack/local-cluster/build.sh

.PHONY: config-tools
config-tools: ## Build (or reuse) kubeadm and evidence-check, which check the kind/minikube/k3s evidence configurations.
	hack/local-cluster/build.sh config-tools

##@ Monitoring

.PHONY: prometheus
prometheus: ## Build (or reuse from ~/.cache/clustertour) the pinned Prometheus and promtool the metrics tests run.
	hack/prometheus/build.sh

##@ Packaging

# IMAGE_BASE=local: the Debian JRE base hack/image/base.sh builds once (no registry needed);
# IMAGE_BASE=registry: the pinned public base (image.base.registry in operator/pom.xml).
IMAGE_BASE ?= local
DOCKER_IMAGE_BASE ?= registry
# On the registry base: a tar or a Docker daemon holds one platform (this host's by default);
# image-push pushes one multi-arch image index (image.platforms in operator/pom.xml unless set here).
IMAGE_PLATFORM ?= linux/$(shell uname -m | sed -e 's/^x86_64$$/amd64/' -e 's/^aarch64$$/arm64/')
IMAGE_PLATFORMS ?=
IMAGE_REPOSITORY ?= clustertour/cluster-tour-operator
IMAGE_TAG ?=
RELEASE ?= clustertour
RELEASE_NAMESPACE ?= clustertour-system
IMAGE_TAR := operator/target/cluster-tour-operator-image.tar
image_props = -Dimage.repository=$(IMAGE_REPOSITORY) $(if $(IMAGE_TAG),-Dimage.tag=$(IMAGE_TAG))

.PHONY: image-base
image-base: ## Build the Debian JRE base of the image once (root; cached by version in ~/.cache/clustertour).
	hack/image/base.sh $(IMAGE_BASE)

.PHONY: image-tar
image-tar: image-base ## Build the operator image as a tar with Jib, no Docker daemon (operator/target/cluster-tour-operator-image.tar).
	$(MVN) -q -pl operator package jib:buildTar -DskipTests -Dimage.base=$(IMAGE_BASE) -Dimage.platforms=$(IMAGE_PLATFORM) $(image_props)
	@echo ">> $(IMAGE_TAR): $$(du -h $(IMAGE_TAR) | cut -f1), $$(cat operator/target/jib-image.json)"

.PHONY: image
image: ## Build the operator image into a local Docker daemon with Jib (base: DOCKER_IMAGE_BASE, default registry).
	$(MVN) -q -pl operator package jib:dockerBuild -DskipTests -Dimage.base=$(DOCKER_IMAGE_BASE) -Dimage.platforms=$(IMAGE_PLATFORM) $(image_props)

.PHONY: image-push
image-push: ## Build on the registry base for linux/amd64 and linux/arm64 and push with Jib to IMAGE_REPOSITORY (e.g. myacr.azurecr.io/cluster-tour-operator).
	$(MVN) -q -pl operator package jib:build -DskipTests -Dimage.base=registry $(if $(IMAGE_PLATFORMS),-Dimage.platforms=$(IMAGE_PLATFORMS)) $(image_props)

.PHONY: image-multiarch-check
image-multiarch-check: ## Prove image-push's linux/amd64+arm64 index and a one-platform image-tar against an in-memory registry (crane), no Docker.
	hack/image/multiarch-check.sh

.PHONY: minikube-load
minikube-load: image-tar ## Load the image tar into minikube (minikube image load), for IfNotPresent/Never pulls.
	minikube image load $(IMAGE_TAR)

.PHONY: deploy-local
deploy-local: image-tar ## Import the image into the local cluster's containerd and helm-install the chart.
	RELEASE=$(RELEASE) RELEASE_NAMESPACE=$(RELEASE_NAMESPACE) hack/image/deploy-local.sh

.PHONY: undeploy-local
undeploy-local: ## helm-uninstall the chart from the local cluster (the CRD stays, as Helm does for crds/).
	"$$(hack/image/helm.sh)" uninstall $(RELEASE) -n $(RELEASE_NAMESPACE) --kubeconfig $(KUBECONFIG_LOCAL) --wait

.PHONY: chart-crds
chart-crds: build ## Copy the generated CRD into the Helm chart's crds/ (the build fails when they drift).
	cp operator/target/classes/META-INF/fabric8/$(CRD) helm/cluster-tour-operator/crds/$(CRD)

# `make crds` refreshes the chart's copy too.
crds: chart-crds

CHART_DIR := helm/cluster-tour-operator
CHART_OUT := target/chart

.PHONY: chart-package
chart-package: ## Package the Helm chart into target/chart/cluster-tour-operator-<version>.tgz (push it with helm push <tgz> oci://<registry>/charts).
	@mkdir -p $(CHART_OUT)
	"$$(hack/image/helm.sh)" lint --strict $(CHART_DIR)
	"$$(hack/image/helm.sh)" package $(CHART_DIR) --destination $(CHART_OUT)

.PHONY: chart-test
chart-test: ## Run only the chart tests (helm lint, kubeconform, kube-score, render, server-side dry-run, install and helm test).
	hack/image/helm.sh >/dev/null
	hack/chart-lint/build.sh >/dev/null
	$(MVN) verify -pl operator -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='Helm*IT' \
	  -Dit.kubeconfig="$$(hack/use-cluster.sh | tail -1)"

##@ Benchmarks

.PHONY: bench-receivers
bench-receivers: ## Only the evidence receivers under cluster-wide load, in-process, no cluster (docs/benchmarks.md, target/bench/results.json; ~2 min).
	BENCH_ONLY=receivers hack/bench/run.sh

.PHONY: bench
bench: ## Measure the operator at N = 1, 10, 25 tours against an independent watcher and the API server's metrics (docs/benchmarks.md, target/bench/results.json; < 20 min).
	hack/bench/run.sh
