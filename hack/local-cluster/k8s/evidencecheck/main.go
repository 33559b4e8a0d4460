// Command evidence-check loads the evidence configuration files (hack/evidence-config.sh) with the same library
// code kube-apiserver and the kubelet use when they start, so a file either component would refuse fails here
// first. With --send it also talks to a receiver through that code: one audit batch through the API server's
// webhook client, one span through the API server's OTLP exporter.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/sdk/resource"
	semconv "go.opentelemetry.io/otel/semconv/v1.12.0"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/wait"
	auditinternal "k8s.io/apiserver/pkg/apis/audit"
	auditv1 "k8s.io/apiserver/pkg/apis/audit/v1"
	"k8s.io/apiserver/pkg/audit/policy"
	apiserveroptions "k8s.io/apiserver/pkg/server/options"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	auditwebhook "k8s.io/apiserver/plugin/pkg/audit/webhook"
	"k8s.io/component-base/tracing"
	tracingapi "k8s.io/component-base/tracing/api/v1"
	kubeletvalidation "k8s.io/kubernetes/pkg/kubelet/apis/config/validation"
	"k8s.io/kubernetes/pkg/kubelet/kubeletconfig/configfiles"
	utilfs "k8s.io/kubernetes/pkg/util/filesystem"
)

func main() {
	if len(os.Args) < 3 {
		fail(errors.New("usage: evidence-check audit-policy|tracing|audit-webhook|kubelet-config FILE [--send]"))
	}
	kind, file := os.Args[1], os.Args[2]
	send := len(os.Args) > 3 && os.Args[3] == "--send"
	var err error
	switch kind {
	case "audit-policy":
		var p *auditinternal.Policy
		if p, err = policy.LoadPolicyFromFile(file); err == nil {
			fmt.Printf("ok: audit policy with %d rules\n", len(p.Rules))
		}
	case "tracing":
		err = checkTracing(file, send)
	case "audit-webhook":
		err = checkWebhook(file, send)
	case "kubelet-config":
		err = checkKubelet(file)
	default:
		err = fmt.Errorf("unknown kind %q", kind)
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(1)
}

// checkTracing reads and validates like kube-apiserver's --tracing-config-file; --send exports one span as
// service "apiserver" with the provider the API server builds from that file.
func checkTracing(file string, send bool) error {
	cfg, err := apiserveroptions.ReadTracingConfiguration(file)
	if err != nil {
		return err
	}
	if errs := tracingapi.ValidateTracingConfiguration(cfg, utilfeature.DefaultFeatureGate, nil); len(errs) > 0 {
		return errs.ToAggregate()
	}
	fmt.Printf("ok: tracing endpoint %s, %d per million sampled\n", deref(cfg.Endpoint), derefInt(cfg.SamplingRatePerMillion))
	if !send {
		return nil
	}
	var exportErr error
	otel.SetErrorHandler(otel.ErrorHandlerFunc(func(e error) { exportErr = e }))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	tp, err := tracing.NewProvider(ctx, cfg, nil, []resource.Option{
		resource.WithAttributes(semconv.ServiceNameKey.String("apiserver"), semconv.ServiceInstanceIDKey.String("evidence-check")),
	})
	if err != nil {
		return err
	}
	_, span := tp.Tracer("evidence-check").Start(ctx, "evidence-check")
	span.End()
	if err := tp.Shutdown(ctx); err != nil {
		return err
	}
	if exportErr != nil {
		return fmt.Errorf("span export failed: %w", exportErr)
	}
	fmt.Println("ok: one span exported")
	return nil
}

// checkWebhook loads the kubeconfig like kube-apiserver's --audit-webhook-config-file (audit.k8s.io/v1);
// --send posts one EventList through that client.
func checkWebhook(file string, send bool) error {
	backend, err := auditwebhook.NewBackend(file, auditv1.SchemeGroupVersion, wait.Backoff{Duration: 100 * time.Millisecond, Steps: 1}, nil)
	if err != nil {
		return err
	}
	fmt.Println("ok: audit webhook kubeconfig loads")
	if !send {
		return nil
	}
	now := metav1.NewMicroTime(time.Now())
	ev := &auditinternal.Event{
		Level:                    auditinternal.LevelMetadata,
		AuditID:                  types.UID("evidence-check"),
		Stage:                    auditinternal.StageResponseComplete,
		RequestURI:               "/api/v1/namespaces/evidence-check/pods",
		Verb:                     "list",
		RequestReceivedTimestamp: now,
		StageTimestamp:           now,
	}
	if !backend.ProcessEvents(ev) {
		return errors.New("the webhook did not accept the batch (see the log line above)")
	}
	fmt.Println("ok: one audit batch accepted")
	return nil
}

// checkKubelet loads a KubeletConfiguration file (a --config file or a --config-dir drop-in) the way the
// kubelet's file loader does and validates the result with the kubelet's own rules.
func checkKubelet(file string) error {
	loader, err := configfiles.NewFsLoader(&utilfs.DefaultFs{}, file)
	if err != nil {
		return err
	}
	kc, err := loader.Load()
	if err != nil {
		return err
	}
	if err := kubeletvalidation.ValidateKubeletConfiguration(kc, utilfeature.DefaultFeatureGate); err != nil {
		return err
	}
	if kc.Tracing == nil {
		return errors.New("no tracing block")
	}
	fmt.Printf("ok: kubelet tracing endpoint %s, %d per million sampled\n", deref(kc.Tracing.Endpoint), derefInt(kc.Tracing.SamplingRatePerMillion))
	return nil
}

func deref(s *string) string {
	if s == nil {
		return "(default)"
	}
	return *s
}

func derefInt(i *int32) int32 {
	if i == nil {
		return 0
	}
	return *i
}
