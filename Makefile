# ClusterTour — see `make help`.
SHELL := /usr/bin/env bash
MVN ?= mvn -B -ntp
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

.PHONY: demo
demo: ## Bring up or reuse a cluster, install the CRD, run the operator, apply the first tour and print what happened.
	hack/demo.sh

##@ Local real cluster (no Docker; run as root)

.PHONY: cluster-up
cluster-up: ## Start (or reuse) the local single-node Kubernetes; writes .cluster/kubeconfig.
	hack/local-cluster/up.sh

.PHONY: cluster-down
cluster-down: ## Stop every process of the local cluster and remove its state.
	hack/local-cluster/down.sh

.PHONY: cluster-binaries
cluster-binaries: ## Build (or reuse from ~/.cache/clustertour) the pinned Kubernetes and etcd binaries.
	hack/local-cluster/build.sh
