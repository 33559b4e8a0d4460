package io.clustertour.operator.bench;

import io.fabric8.kubernetes.api.model.flowcontrol.v1.FlowSchema;
import io.fabric8.kubernetes.api.model.flowcontrol.v1.FlowSchemaBuilder;
import io.fabric8.kubernetes.api.model.flowcontrol.v1.NonResourcePolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.flowcontrol.v1.PolicyRulesWithSubjects;
import io.fabric8.kubernetes.api.model.flowcontrol.v1.PolicyRulesWithSubjectsBuilder;
import io.fabric8.kubernetes.api.model.flowcontrol.v1.ResourcePolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts one client's requests in the API server's own metrics. {@code apiserver_request_total} has
 * no client label, but API Priority and Fairness counts dispatched requests per FlowSchema: one
 * FlowSchema per (verb, resource) the ServiceAccount's RBAC grants, matched only by that
 * ServiceAccount, at the priority level it would get anyway (workload-low), makes {@code
 * apiserver_flowcontrol_dispatched_requests_total} a per-client, per-verb, per-resource count. A
 * last FlowSchema catches anything else the client asks.
 */
final class ClientFlowSchemas implements AutoCloseable {
  static final String METRIC = "apiserver_flowcontrol_dispatched_requests_total";
  static final String OTHER = "other (not granted by RBAC)";
  private static final String PREFIX = "ct-bench-";
  private static final String LEVEL = "workload-low";

  private final KubernetesClient admin;
  private final Map<String, String> labelByFlowSchema;

  private ClientFlowSchemas(KubernetesClient admin, Map<String, String> labelByFlowSchema) {
    this.admin = admin;
    this.labelByFlowSchema = labelByFlowSchema;
  }

  /**
   * Creates the FlowSchemas for the ServiceAccount: one per verb and resource of the cluster rules
   * and of the rules of Roles, by namespace.
   */
  static ClientFlowSchemas create(
      KubernetesClient admin,
      String saNamespace,
      String saName,
      List<PolicyRule> clusterRules,
      Map<String, List<PolicyRule>> roleRulesByNamespace) {
    Map<String, FlowSchema> schemas = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    List<Scoped> scoped = new ArrayList<>();
    clusterRules.forEach(r -> scoped.add(new Scoped(r, null)));
    roleRulesByNamespace.forEach((ns, rules) -> rules.forEach(r -> scoped.add(new Scoped(r, ns))));
    for (Scoped s : scoped) {
      for (String verb : s.rule.getVerbs()) {
        for (String url : s.rule.getNonResourceURLs()) {
          add(schemas, labels, verb + " " + url, saNamespace, saName, nonResource(verb, url));
        }
        for (String group : s.rule.getApiGroups()) {
          for (String resource : s.rule.getResources()) {
            String label = label(verb, group, resource);
            add(schemas, labels, label, saNamespace, saName, resource(verb, group, resource, s.ns));
          }
        }
      }
    }
    FlowSchema rest =
        schema(
            PREFIX + "other",
            1999,
            saNamespace,
            saName,
            new PolicyRulesWithSubjectsBuilder()
                .addToResourceRules(
                    new ResourcePolicyRuleBuilder()
                        .withVerbs("*")
                        .withApiGroups("*")
                        .withResources("*")
                        .withClusterScope(true)
                        .withNamespaces("*")
                        .build())
                .addToNonResourceRules(
                    new NonResourcePolicyRuleBuilder()
                        .withVerbs("*")
                        .withNonResourceURLs("*")
                        .build()));
    schemas.put(rest.getMetadata().getName(), rest);
    labels.put(rest.getMetadata().getName(), OTHER);
    schemas.values().forEach(fs -> admin.resource(fs).forceConflicts().serverSideApply());
    return new ClientFlowSchemas(admin, labels);
  }

  /** Requests dispatched so far for the ServiceAccount, by "verb group/resource" (cumulative). */
  Map<String, Long> counts(List<PromText.Sample> apiServerMetrics) {
    Map<String, Long> counts = new TreeMap<>();
    labelByFlowSchema.forEach(
        (fs, label) ->
            counts.merge(
                label,
                (long)
                    PromText.sum(apiServerMetrics, METRIC, s -> fs.equals(s.label("flow_schema"))),
                Long::sum));
    return counts;
  }

  @Override
  public void close() {
    labelByFlowSchema
        .keySet()
        .forEach(name -> admin.resources(FlowSchema.class).withName(name).delete());
  }

  static String label(String verb, String group, String resource) {
    return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
  }

  private static void add(
      Map<String, FlowSchema> schemas,
      Map<String, String> labels,
      String label,
      String saNamespace,
      String saName,
      PolicyRulesWithSubjectsBuilder rule) {
    if (labels.containsValue(label)) {
      return;
    }
    String name = PREFIX + String.format("%03d", labels.size());
    schemas.put(name, schema(name, 1000 + labels.size(), saNamespace, saName, rule));
    labels.put(name, label);
  }

  private static PolicyRulesWithSubjectsBuilder resource(
      String verb, String group, String resource, String namespace) {
    ResourcePolicyRuleBuilder rule =
        new ResourcePolicyRuleBuilder()
            .withVerbs(verb)
            .withApiGroups(group)
            .withResources(resource);
    if (namespace == null) {
      rule.withClusterScope(true).withNamespaces("*");
    } else {
      rule.withNamespaces(namespace);
    }
    return new PolicyRulesWithSubjectsBuilder().addToResourceRules(rule.build());
  }

  private static PolicyRulesWithSubjectsBuilder nonResource(String verb, String url) {
    return new PolicyRulesWithSubjectsBuilder()
        .addToNonResourceRules(
            new NonResourcePolicyRuleBuilder().withVerbs(verb).withNonResourceURLs(url).build());
  }

  private static FlowSchema schema(
      String name,
      int precedence,
      String saNamespace,
      String saName,
      PolicyRulesWithSubjectsBuilder rule) {
    PolicyRulesWithSubjects withSubject =
        rule.addNewSubject()
            .withKind("ServiceAccount")
            .withNewServiceAccount()
            .withNamespace(saNamespace)
            .withName(saName)
            .endServiceAccount()
            .endSubject()
            .build();
    return new FlowSchemaBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("clustertour.io/bench", "true")
        .endMetadata()
        .withNewSpec()
        .withMatchingPrecedence(precedence)
        .withNewPriorityLevelConfiguration(LEVEL)
        .withNewDistinguisherMethod("ByUser")
        .withRules(withSubject)
        .endSpec()
        .build();
  }

  private record Scoped(PolicyRule rule, String ns) {}
}
