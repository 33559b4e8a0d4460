package io.clustertour.operator.testsupport;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The operator's Helm chart (helm/cluster-tour-operator) rendered by helm-java, no Helm CLI. */
public final class HelmChart {
  public static final Path DIR = Path.of("../helm/cluster-tour-operator");

  /**
   * Kubernetes version for client-side rendering: helm-java's embedded Helm assumes v1.20 without a
   * cluster, below the chart's kubeVersion. The project's clusters run 1.33.
   */
  public static final String KUBE_VERSION = "v1.33.0";

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private HelmChart() {}

  public static Helm helm() {
    return new Helm(DIR);
  }

  /** The documented values combinations: ci/*-values.yaml, by name. */
  public static List<Path> ciValuesFiles() {
    try (Stream<Path> files = Files.list(DIR.resolve("ci"))) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("-values.yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders the templates (not crds/) like {@code helm template}. */
  public static Rendering render(
      String release, String namespace, Optional<Path> valuesFile, Map<String, Object> sets) {
    TemplateCommand template =
        helm().template().withName(release).withNamespace(namespace).withKubeVersion(KUBE_VERSION);
    valuesFile.ifPresent(template::withValuesFile);
    sets.forEach(template::set);
    return new Rendering(parse(template.call()));
  }

  /** Parses multi-document YAML into typed objects (unknown kinds become generic resources). */
  public static List<HasMetadata> parse(String manifests) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : manifests.split("(?m)^---\\s*$")) {
      if (doc.lines().anyMatch(l -> !l.isBlank() && !l.startsWith("#"))) {
        objects.add(YAML.unmarshal(doc, HasMetadata.class));
      }
    }
    return objects;
  }

  /** One rendering of the chart. */
  public record Rendering(List<HasMetadata> objects) {

    /** The single object of this kind (and type), failing when there is none or several. */
    public <T extends HasMetadata> T one(Class<T> type) {
      List<T> found = all(type);
      if (found.size() != 1) {
        throw new AssertionError(
            "expected one " + type.getSimpleName() + ", found " + found.size());
      }
      return found.get(0);
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
      return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<String> kinds() {
      return objects.stream().map(HasMetadata::getKind).toList();
    }
  }
}
