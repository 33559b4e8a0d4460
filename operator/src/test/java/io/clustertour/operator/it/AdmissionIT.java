package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.GeneratedSection;
import io.clustertour.operator.testsupport.RealCluster;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid tours are rejected by the real API server at admission, with a message a learner
 * understands; the table of inputs and messages is written to docs/reliability.md.
 */
class AdmissionIT {
  private static final String HEAD =
      "apiVersion: clustertour.io/v1alpha1\nkind: ClusterTour\nmetadata: {name: bad-input}\n";
  private static final String NS = "  - {name: ns, type: Namespace, namespace: {name: tour-a}}\n";
  private static final List<String[]> TABLE = new ArrayList<>();
  private static KubernetesClient client;

  record Case(String what, String spec, String expected) {
    @Override
    public String toString() {
      return what;
    }
  }

  static List<Case> cases() {
    String deploy =
        "  - {name: d, type: Deployment, deployment: {name: w, namespace: tour-a, image: busybox:1.36";
    return List.of(
        new Case("no spec", "", "spec: Required value"),
        new Case("no stops", "spec: {}", "stops: Required value"),
        new Case("empty stop list", "spec: {stops: []}", "should have at least 1 items"),
        new Case(
            "stop without name",
            "spec:\n  stops:\n  - {type: Inventory, inventory: {}}",
            "name: Required value"),
        new Case(
            "stop without type",
            "spec:\n  stops:\n  - {name: i, inventory: {}}",
            "type: Required value"),
        new Case(
            "unknown stop type",
            "spec:\n  stops:\n  - {name: i, type: Teleport}",
            "Unsupported value: \"Teleport\""),
        new Case(
            "upper-case stop name",
            "spec:\n  stops:\n  - {name: Inventory, type: Inventory, inventory: {}}",
            "should match"),
        new Case(
            "stop name too long",
            "spec:\n  stops:\n  - {name: " + "a".repeat(41) + ", type: Inventory, inventory: {}}",
            "may not be more than 40"),
        new Case(
            "duplicate stop names",
            "spec:\n  stops:\n" + NS + "  - {name: ns, type: Inventory, inventory: {}}",
            "stop names must be unique"),
        new Case(
            "Deployment without its section",
            "spec:\n  stops:\n  - {name: d, type: Deployment}",
            "type: Deployment needs a 'deployment:' section"),
        new Case(
            "Namespace without its section",
            "spec:\n  stops:\n  - {name: n, type: Namespace}",
            "type: Namespace needs a 'namespace:' section"),
        new Case(
            "Job without its section",
            "spec:\n  stops:\n  - {name: j, type: Job}",
            "type: Job needs a 'job:' section"),
        new Case(
            "Scale without its section",
            "spec:\n  stops:\n" + NS + deploy + "}}\n  - {name: s, type: Scale, target: w}",
            "type: Scale needs a 'scale:' section"),
        new Case(
            "section of another type",
            "spec:\n  stops:\n  - {name: i, type: Inventory, inventory: {}, scale: {replicas: 1}}",
            "may only have the settings section of its own type"),
        new Case(
            "section of another type, own section left out",
            "spec:\n  stops:\n  - {name: i, type: Inventory, deployment: {name: w, namespace: a,"
                + " image: busybox:1.36}}",
            "may only have the settings section of its own type"),
        new Case(
            "namespace kube-system",
            "spec:\n  stops:\n  - {name: ns, type: Namespace, namespace: {name: kube-system}}",
            "may not be 'default' or start with 'kube-'"),
        new Case(
            "namespace default",
            "spec:\n  stops:\n  - {name: ns, type: Namespace, namespace: {name: default}}",
            "may not be 'default' or start with 'kube-'"),
        new Case(
            "namespace with capitals",
            "spec:\n  stops:\n  - {name: ns, type: Namespace, namespace: {name: Tour}}",
            "should match"),
        new Case(
            "Deployment in a namespace the tour does not create",
            "spec:\n  stops:\n  - {name: d, type: Deployment, deployment: {name: w, namespace: default, image: busybox:1.36}}",
            "must be created by a Namespace stop of this tour"),
        new Case(
            "Job in a namespace the tour does not create",
            "spec:\n  stops:\n  - {name: j, type: Job, job: {name: w, namespace: kube-system, image: busybox:1.36}}",
            "must be created by a Namespace stop of this tour"),
        new Case(
            "Deployment without image",
            "spec:\n  stops:\n"
                + NS
                + "  - {name: d, type: Deployment, deployment: {name: w, namespace: tour-a}}",
            "image: Required value"),
        new Case(
            "replicas above 20",
            "spec:\n  stops:\n" + NS + deploy + ", replicas: 21}}",
            "less than or equal to 20"),
        new Case(
            "negative replicas",
            "spec:\n  stops:\n" + NS + deploy + ", replicas: -1}}",
            "greater than or equal to 0"),
        new Case(
            "replicas as text",
            "spec:\n  stops:\n" + NS + deploy + ", replicas: two}}",
            "must be of type integer"),
        new Case(
            "unknown pull policy",
            "spec:\n  stops:\n" + NS + deploy + ", imagePullPolicy: Sometimes}}",
            "Unsupported value: \"Sometimes\""),
        new Case(
            "Scale of an unknown Deployment",
            "spec:\n  stops:\n  - {name: s, type: Scale, target: nope, scale: {replicas: 2}}",
            "must name in 'target' a Deployment"),
        new Case(
            "Scale without target",
            "spec:\n  stops:\n  - {name: s, type: Scale, scale: {replicas: 2}}",
            "need 'target'"),
        new Case(
            "Service for an unknown Deployment",
            "spec:\n  stops:\n  - {name: s, type: Service, target: web, service: {}}",
            "must name in 'target' a Deployment"),
        new Case(
            "stop timeout below 5 s",
            "spec:\n  stops:\n  - {name: i, type: Inventory, inventory: {}, timeoutSeconds: 1}",
            "greater than or equal to 5"),
        new Case(
            "tour timeout above 1 h",
            "spec:\n  timeoutSeconds: 7200\n  stops:\n  - {name: i, type: Inventory, inventory: {}}",
            "less than or equal to 3600"),
        new Case(
            "unknown language",
            "spec:\n  language: fr\n  stops:\n  - {name: i, type: Inventory, inventory: {}}",
            "Unsupported value: \"fr\""),
        new Case(
            "more than 20 stops",
            "spec:\n  stops:\n" + manyStops(21),
            "must have at most 20 items"),
        new Case(
            "oversized expectedFlow text",
            "spec:\n  stops:\n  - {name: i, type: Inventory, inventory: {}, expectedFlow: [{component: kubelet, text: "
                + "x".repeat(301)
                + "}]}",
            "may not be more than 300"),
        new Case(
            "unknown field",
            "spec:\n  stops:\n  - {name: i, type: Inventory, inventory: {}, teleport: true}",
            "unknown field \"spec.stops[0].teleport\""));
  }

  private static String manyStops(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("  - {name: s").append(i).append(", type: Inventory, inventory: {}}\n");
    }
    return b.toString();
  }

  @BeforeAll
  static void installCrd() {
    client = RealCluster.client();
    Crds.install(client);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectedAtAdmission(Case c) {
    String yaml = HEAD + c.spec();
    assertThatThrownBy(
            () ->
                client.resource(yaml).fieldValidation(FieldValidateable.Validation.STRICT).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(
            e -> {
              String message = ((KubernetesClientException) e).getStatus().getMessage();
              TABLE.add(new String[] {c.what(), message});
              assertThat(message).contains(c.expected());
            });
    assertThat(
            client
                .genericKubernetesResources("clustertour.io/v1alpha1", "ClusterTour")
                .withName("bad-input")
                .get())
        .as("nothing was stored")
        .isNull();
  }

  @Test
  void theTypeAloneIsEnoughForAStopWithoutRequiredSettings() {
    String yaml =
        HEAD
            + "spec:\n  stops:\n  - {name: look, type: Inventory}\n"
            + NS
            + "  - {name: d, type: Deployment, deployment: {name: w, namespace: tour-a, image:"
            + " busybox:1.36}}\n"
            + "  - {name: heal, type: DeletePod, target: w}\n"
            + "  - {name: expose, type: Service, target: w}\n";
    ClusterTour accepted =
        client.resource(Serialization.unmarshal(yaml, ClusterTour.class)).dryRun().create();
    assertThat(accepted.getSpec().stops).extracting(s -> s.name).contains("look", "heal", "expose");
    assertThat(accepted.getSpec().stops.get(0).inventory).as("no section, no defaults").isNull();
  }

  @Test
  void conditionsAreValidatedLikeMetav1Conditions() {
    ClusterTour tour =
        client
            .resource(
                Serialization.unmarshal(
                    HEAD + "spec:\n  stops:\n  - {name: look, type: Inventory}\n",
                    ClusterTour.class))
            .create();
    tour.setStatus(new ClusterTourStatus());
    tour.getStatus()
        .conditions
        .add(
            new ConditionBuilder()
                .withType("Ready")
                .withStatus("Maybe")
                .withReason("Not a reason")
                .withMessage("")
                .withLastTransitionTime("yesterday")
                .build());
    assertThatThrownBy(() -> client.resource(tour).updateStatus())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(
            e -> {
              String message = ((KubernetesClientException) e).getStatus().getMessage();
              TABLE.add(new String[] {"condition not shaped like metav1.Condition", message});
              assertThat(message)
                  .contains("Unsupported value: \"Maybe\"")
                  .contains("reason: Invalid value")
                  .contains("lastTransitionTime: Invalid value");
            });
  }

  @org.junit.jupiter.api.AfterEach
  void deleteAnythingStored() {
    client
        .genericKubernetesResources("clustertour.io/v1alpha1", "ClusterTour")
        .withName("bad-input")
        .delete();
  }

  @AfterAll
  static void writeTable() {
    StringBuilder md = new StringBuilder();
    md.append("## Bad input rejected at admission\n\n")
        .append("Generated by `AdmissionIT` against the real API server (")
        .append(client.getKubernetesVersion().getGitVersion())
        .append(
            "). Every invalid ClusterTour below was rejected at admission by the CRD schema or its CEL")
        .append(
            " rules; nothing was stored.\n\n| input | message from the API server |\n|---|---|\n");
    TABLE.stream()
        .sorted((a, b) -> a[0].compareTo(b[0]))
        .forEach(
            r ->
                md.append("| ")
                    .append(r[0])
                    .append(" | ")
                    .append(r[1].replace("|", "\\|").replace("\n", " "))
                    .append(" |\n"));
    // other tests generate their own sections of the page (security, runtime failures)
    GeneratedSection.write(
        Path.of("../docs/reliability.md"), "admission", "Reliability", md.toString());
  }
}
