package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.GeneratedSection;
import io.clustertour.operator.testsupport.HelmChart;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the operator's ServiceAccount may do, asked of the real API server by impersonating it with
 * the chart's RBAC and ValidatingAdmissionPolicy installed: no Secrets at all, and no write in (or
 * to) a namespace its tours did not create. The table of requests and answers goes to
 * docs/reliability.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityRbacIT {
  private static final String RELEASE = "sec";
  private static final String RELEASE_NS = "clustertour-security";
  private static final String SA = "sec-cluster-tour-operator";
  private static final String USER = "system:serviceaccount:" + RELEASE_NS + ":" + SA;
  private static final String FOREIGN = "sec-foreign";
  private static final String TOUR_NS = "sec-tour";
  private static final String MANAGER = "clustertour-security-it";
  private static final String TOUR = "sec-test";
  private static final Map<String, String> FOREIGN_LABELS = Map.of("owner", "learner");
  private static final List<String[]> TABLE = new ArrayList<>();
  private static KubernetesClient admin;
  private static KubernetesClient operator;
  private static List<HasMetadata> installed = List.of();

  /** How the API server must answer. */
  enum Expect {
    RBAC_DENIED("denied by RBAC"),
    POLICY_DENIED("denied by the admission policy"),
    ALLOWED("allowed");

    final String text;

    Expect(String text) {
      this.text = text;
    }
  }

  record Case(String request, Expect expect, Consumer<KubernetesClient> call) {
    @Override
    public String toString() {
      return request;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case(
            "get a Secret in a namespace it did not create",
            Expect.RBAC_DENIED,
            c -> c.secrets().inNamespace(FOREIGN).withName("learner-secret").get()),
        new Case(
            "list Secrets in all namespaces",
            Expect.RBAC_DENIED,
            c -> c.secrets().inAnyNamespace().list()),
        new Case(
            "watch Secrets in kube-system",
            Expect.RBAC_DENIED,
            c -> watchRaw(c, "api/v1/namespaces/kube-system/secrets")),
        new Case(
            "create a Secret in a tour namespace",
            Expect.RBAC_DENIED,
            c -> c.secrets().inNamespace(TOUR_NS).resource(secret(TOUR_NS)).create()),
        new Case(
            "delete a tour namespace",
            Expect.RBAC_DENIED,
            c -> c.namespaces().withName(TOUR_NS).delete()),
        new Case(
            "delete a Deployment in a tour namespace",
            Expect.RBAC_DENIED,
            c -> c.apps().deployments().inNamespace(TOUR_NS).withName("web").delete()),
        new Case(
            "create a RoleBinding in a tour namespace",
            Expect.RBAC_DENIED,
            c ->
                c.rbac()
                    .roleBindings()
                    .inNamespace(TOUR_NS)
                    .resource(
                        new RoleBindingBuilder()
                            .withNewMetadata()
                            .withName("escalate")
                            .endMetadata()
                            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "admin")
                            .addNewSubject()
                            .withKind("ServiceAccount")
                            .withName(SA)
                            .withNamespace(RELEASE_NS)
                            .endSubject()
                            .build())
                    .create()),
        new Case(
            "delete a ClusterTour", Expect.RBAC_DENIED, c -> Tours.api(c).withName(TOUR).delete()),
        new Case(
            "label a namespace it did not create",
            Expect.POLICY_DENIED,
            c ->
                c.namespaces()
                    .withName(FOREIGN)
                    .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"labels\":{\"owner\":\"operator\"}}}")),
        new Case(
            "adopt a namespace it did not create (server-side apply with the tour label)",
            Expect.POLICY_DENIED,
            c -> apply(c, namespace(FOREIGN, true))),
        new Case(
            "create a namespace without the tour label",
            Expect.POLICY_DENIED,
            c -> apply(c, namespace("sec-unlabelled", false))),
        new Case(
            "create a Deployment in a namespace it did not create",
            Expect.POLICY_DENIED,
            c -> apply(c, deployment(FOREIGN, "intruder"))),
        new Case(
            "scale a Deployment in a namespace it did not create",
            Expect.POLICY_DENIED,
            c -> scale(c, FOREIGN, "learner-app", 3)),
        new Case(
            "create a Service in kube-system",
            Expect.POLICY_DENIED,
            c -> apply(c, service("kube-system"))),
        new Case(
            "create a Job in default",
            Expect.POLICY_DENIED,
            c ->
                apply(
                    c,
                    new JobBuilder()
                        .withNewMetadata()
                        .withName("intruder")
                        .withNamespace("default")
                        .endMetadata()
                        .withNewSpec()
                        .withNewTemplate()
                        .withNewSpec()
                        .withRestartPolicy("Never")
                        .addNewContainer()
                        .withName("c")
                        .withImage("busybox:1.36")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())),
        new Case(
            "delete a pod in a namespace it did not create",
            Expect.POLICY_DENIED,
            c -> c.pods().inNamespace(FOREIGN).withName("learner-pod").withGracePeriod(0).delete()),
        new Case(
            "create an Event about a Pod in a namespace it did not create",
            Expect.POLICY_DENIED,
            c -> c.v1().events().inNamespace(FOREIGN).resource(event(FOREIGN, "Pod")).create()),
        new Case(
            "create a Deployment in a tour namespace",
            Expect.ALLOWED,
            c -> apply(c, deployment(TOUR_NS, "web"))),
        new Case(
            "scale a Deployment in a tour namespace",
            Expect.ALLOWED,
            c -> {
              apply(c, deployment(TOUR_NS, "scaled"));
              scale(c, TOUR_NS, "scaled", 0);
            }),
        new Case(
            "create a Service in a tour namespace",
            Expect.ALLOWED,
            c -> apply(c, service(TOUR_NS))),
        new Case(
            "delete a pod in a tour namespace",
            Expect.ALLOWED,
            c -> c.pods().inNamespace(TOUR_NS).withName("victim").withGracePeriod(0).delete()),
        new Case(
            "patch a ClusterTour (cluster-scoped, as the finalizer patch does)",
            Expect.ALLOWED,
            c ->
                Tours.api(c)
                    .withName(TOUR)
                    .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"labels\":{\"checked\":\"yes\"}}}")),
        new Case(
            "patch a ClusterTour's status",
            Expect.ALLOWED,
            c ->
                Tours.api(c)
                    .withName(TOUR)
                    .subresource("status")
                    .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"status\":{\"stopsDone\":\"0/1\"}}")),
        new Case(
            "create an Event about a ClusterTour in default",
            Expect.ALLOWED,
            c ->
                c.v1()
                    .events()
                    .inNamespace("default")
                    .resource(event("default", ClusterTour.class.getSimpleName()))
                    .create()));
  }

  @BeforeAll
  static void installChartRbacAndPolicy() throws IOException {
    admin = RealCluster.client();
    Crds.install(admin);
    cleanUp();
    admin.resource(namespace(RELEASE_NS, false)).fieldManager(MANAGER).serverSideApply();
    Set<String> kinds =
        Set.of(
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding");
    installed =
        HelmChart.render(RELEASE, RELEASE_NS, Optional.empty(), Map.of())
            .withoutHooks()
            .objects()
            .stream()
            .filter(o -> kinds.contains(o.getKind()))
            .toList();
    assertThat(installed)
        .extracting(HasMetadata::getKind)
        .contains("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
    installed.forEach(
        o -> admin.resource(o).fieldManager(MANAGER).forceConflicts().serverSideApply());
    createForeignNamespace();
    admin
        .resource(
            """
            apiVersion: clustertour.io/v1alpha1
            kind: ClusterTour
            metadata: {name: sec-test}
            spec:
              stops:
              - {name: inventory, type: Inventory, inventory: {}}
            """)
        .create();
    operator = impersonating(USER);

    // The policy takes effect once the API server has loaded it: until then RBAC alone answers.
    // The probe is a dry run, so it creates nothing while the policy is not active yet.
    await("admission policy active")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                outcome(
                        c ->
                            c.resource(namespace("sec-unlabelled", false))
                                .dryRun()
                                .fieldManager("clustertour-operator")
                                .serverSideApply())
                    .startsWith("Deny"));
    apply(operator, namespace(TOUR_NS, true));
    admin.pods().inNamespace(TOUR_NS).resource(pendingPod(TOUR_NS, "victim")).create();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Order(1)
  void theApiServerAnswersAsThePolicySays(Case c) {
    String message = "";
    Expect actual = Expect.ALLOWED;
    try {
      c.call().accept(operator);
    } catch (KubernetesClientException e) {
      message = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
      assertThat(e.getCode()).as(message).isEqualTo(403);
      actual =
          message.contains("ValidatingAdmissionPolicy") ? Expect.POLICY_DENIED : Expect.RBAC_DENIED;
    }
    TABLE.add(new String[] {c.request(), actual.text, message});
    assertThat(actual).as(message).isEqualTo(c.expect());
    if (actual == Expect.RBAC_DENIED) {
      assertThat(message).contains("User \"" + USER + "\" cannot");
    }
    if (actual == Expect.POLICY_DENIED) {
      assertThat(message).contains("the ClusterTour operator may only");
    }
  }

  @Test
  @Order(2)
  void nothingOutsideTheTourNamespacesChanged() {
    Namespace foreign = admin.namespaces().withName(FOREIGN).get();
    assertThat(foreign.getMetadata().getLabels()).containsAllEntriesOf(FOREIGN_LABELS);
    assertThat(foreign.getMetadata().getLabels()).doesNotContainKey(ClusterTour.TOUR_LABEL);
    assertThat(admin.pods().inNamespace(FOREIGN).withName("learner-pod").get()).isNotNull();
    assertThat(admin.secrets().inNamespace(FOREIGN).withName("learner-secret").get()).isNotNull();
    Deployment app = admin.apps().deployments().inNamespace(FOREIGN).withName("learner-app").get();
    assertThat(app.getSpec().getReplicas()).isZero();
    assertThat(admin.apps().deployments().inNamespace(FOREIGN).withName("intruder").get()).isNull();
    assertThat(admin.namespaces().withName("sec-unlabelled").get()).isNull();
    assertThat(admin.services().inNamespace("kube-system").withName("intruder").get()).isNull();
  }

  @AfterAll
  static void writeTableAndCleanUp() {
    try {
      if (!TABLE.isEmpty()) {
        writeTable();
      }
    } finally {
      if (admin != null) {
        cleanUp();
      }
      if (operator != null) {
        operator.close();
      }
    }
  }

  private static void writeTable() {
    StringBuilder md = new StringBuilder();
    md.append("## Security: what the operator's ServiceAccount may do\n\n")
        .append("Generated by `SecurityRbacIT` against the real API server (")
        .append(admin.getKubernetesVersion().getGitVersion())
        .append("): the chart's RBAC and its ValidatingAdmissionPolicy")
        .append(" (`templates/admission-policy.yaml`) installed, each request sent as `")
        .append(USER)
        .append("` by impersonation. `")
        .append(FOREIGN)
        .append("` is a learner's namespace; `")
        .append(TOUR_NS)
        .append("` carries the label `clustertour.io/tour`. Afterwards nothing in `")
        .append(FOREIGN)
        .append("`, `default` or `kube-system` has changed.\n\n")
        .append("| request (as the operator) | answer | message from the API server |\n")
        .append("|---|---|---|\n");
    for (String[] row : TABLE) {
      md.append("| ")
          .append(row[0])
          .append(" | ")
          .append(row[1])
          .append(" | ")
          .append(row[2].replace("|", "\\|").replace("\n", " "))
          .append(" |\n");
    }
    GeneratedSection.write(
        Path.of("../docs/reliability.md"), "security", "Reliability", md.toString());
  }

  private static void createForeignNamespace() {
    admin
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(FOREIGN)
                .withLabels(FOREIGN_LABELS)
                .endMetadata()
                .build())
        .create();
    admin.resource(secret(FOREIGN)).create();
    admin
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("learner-notes")
                .withNamespace(FOREIGN)
                .endMetadata()
                .withData(Map.of("keep", "me"))
                .build())
        .create();
    admin.resource(deployment(FOREIGN, "learner-app")).create();
    admin.resource(pendingPod(FOREIGN, "learner-pod")).create();
  }

  private static void cleanUp() {
    for (String ns : List.of(FOREIGN, TOUR_NS, RELEASE_NS, "sec-unlabelled")) {
      admin.namespaces().withName(ns).withGracePeriod(0).delete();
    }
    admin.services().inNamespace("kube-system").withName("intruder").delete();
    admin.batch().v1().jobs().inNamespace("default").withName("intruder").delete();
    admin.v1().events().inNamespace("default").withName("sec-event-clustertour").delete();
    Tours.api(admin).withName(TOUR).delete();
    for (HasMetadata o : installed) {
      admin.resource(o).delete();
    }
    await("namespaces of an earlier run gone")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                List.of(FOREIGN, TOUR_NS, RELEASE_NS, "sec-unlabelled").stream()
                        .allMatch(ns -> admin.namespaces().withName(ns).get() == null)
                    && Tours.api(admin).withName(TOUR).get() == null);
  }

  /** "Allowed", or "Deny: message". */
  private static String outcome(Consumer<KubernetesClient> call) {
    try {
      call.accept(operator);
      return "Allowed";
    } catch (KubernetesClientException e) {
      return "Deny: " + (e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage());
    }
  }

  private static KubernetesClient impersonating(String user) throws IOException {
    Path kubeconfig = RealCluster.kubeconfigPath().orElseThrow();
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    config.setImpersonateUsername(user);
    config.setImpersonateGroups(
        "system:serviceaccounts", "system:serviceaccounts:" + RELEASE_NS, "system:authenticated");
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static void apply(KubernetesClient c, HasMetadata o) {
    c.resource(o).fieldManager("clustertour-operator").serverSideApply();
  }

  private static void scale(KubernetesClient c, String ns, String name, int replicas) {
    c.apps()
        .deployments()
        .inNamespace(ns)
        .withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
  }

  private static Namespace namespace(String name, boolean tourLabel) {
    NamespaceBuilder b = new NamespaceBuilder().withNewMetadata().withName(name).endMetadata();
    if (tourLabel) {
      b.editMetadata().addToLabels(ClusterTour.TOUR_LABEL, "sec-test").endMetadata();
    }
    return b.build();
  }

  private static io.fabric8.kubernetes.api.model.Secret secret(String ns) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("learner-secret")
        .withNamespace(ns)
        .endMetadata()
        .withStringData(Map.of("password", "hunter2"))
        .build();
  }

  private static Deployment deployment(String ns, String name) {
    Map<String, String> labels = Map.of("app", name);
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .endMetadata()
        .withNewSpec()
        .withReplicas(0)
        .withNewSelector()
        .withMatchLabels(labels)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage("busybox:1.36")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Service service(String ns) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName("intruder")
        .withNamespace(ns)
        .endMetadata()
        .withNewSpec()
        .addNewPort()
        .withPort(80)
        .endPort()
        .endSpec()
        .build();
  }

  /** A pod no node matches: it stays Pending, so no kubelet is involved. */
  private static io.fabric8.kubernetes.api.model.Pod pendingPod(String ns, String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .endMetadata()
        .withNewSpec()
        .withNodeSelector(Map.of("clustertour.io/no-such-node", "true"))
        .withTerminationGracePeriodSeconds(0L)
        .addNewContainer()
        .withName("c")
        .withImage("busybox:1.36")
        .endContainer()
        .endSpec()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Event event(String ns, String kind) {
    return new EventBuilder()
        .withNewMetadata()
        .withName("sec-event-" + kind.toLowerCase())
        .withNamespace(ns)
        .endMetadata()
        .withNewInvolvedObject()
        .withKind(kind)
        .withName(TOUR)
        .withNamespace("Pod".equals(kind) ? ns : null)
        .endInvolvedObject()
        .withReason("SecurityCheck")
        .withMessage("written by SecurityRbacIT")
        .withType("Normal")
        .withNewSource()
        .withComponent("clustertour-operator")
        .endSource()
        .build();
  }

  /**
   * Starts a watch with a plain HTTP request (fabric8's watch keeps only "Forbidden" of a refusal)
   * and throws the API server's answer when it is refused.
   */
  private static void watchRaw(KubernetesClient c, String path) {
    HttpClient http = c.getHttpClient();
    HttpRequest request =
        http.newHttpRequestBuilder()
            .uri(c.getMasterUrl() + path + "?watch=true&timeoutSeconds=1")
            .build();
    try {
      HttpResponse<String> response =
          http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
      if (response.code() >= 400) {
        throw new KubernetesClientException(
            new KubernetesSerialization().unmarshal(response.body(), Status.class));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }
}
