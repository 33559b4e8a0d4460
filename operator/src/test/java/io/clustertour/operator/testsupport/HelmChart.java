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

/**
 * The operator's Helm chart (helm/cluster-tour-operator) rendered by helm-java, no Helm CLI; with
 * its hooks by the pinned Helm CLI (hack/image/helm.sh).
 */
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

  /**
   * Packages the chart like {@code helm package} (make chart-package) into this directory and
   * returns the .tgz: the file {@code helm push <tgz> oci://...} publishes.
   */
  public static Path packaged(Path destination) {
    try {
      Files.createDirectories(destination);
      String version = null;
      for (String line : Files.readAllLines(DIR.resolve("Chart.yaml"))) {
        if (line.startsWith("version:")) {
          version = line.substring("version:".length()).trim();
        }
      }
      Path tgz = destination.resolve("cluster-tour-operator-" + version + ".tgz");
      Files.deleteIfExists(tgz);
      helm().packageIt().withDestination(destination).call();
      if (!Files.isRegularFile(tgz)) {
        throw new AssertionError("helm package wrote no " + tgz);
      }
      return tgz.toAbsolutePath();
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

  /**
   * Renders the templates with the hooks ({@code helm test} objects) too, as the Helm CLI's {@code
   * helm template} prints them: helm-java's template returns the release manifest only.
   */
  public static Rendering renderWithHooks(
      String release, String namespace, Optional<Path> valuesFile, Map<String, Object> sets) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                ChartLinters.helm().toString(),
                "template",
                release,
                DIR.toString(),
                "--namespace",
                namespace,
                "--kube-version",
                KUBE_VERSION));
    valuesFile.ifPresent(v -> cmd.addAll(List.of("--values", v.toString())));
    sets.forEach((k, v) -> cmd.addAll(List.of("--set", k + "=" + v)));
    Shell.Result r = Shell.run(Map.of(), cmd.toArray(String[]::new));
    if (r.code() != 0) {
      throw new IllegalStateException(r.toString());
    }
    return new Rendering(parse(r.out()));
  }

  /**
   * The NOTES of a client-side dry-run install with these values: what {@code helm install} prints,
   * without a cluster.
   */
  public static String notes(String release, String namespace, Map<String, Object> sets) {
    var install =
        helm()
            .install()
            .withName(release)
            .withNamespace(namespace)
            .withKubeVersion(KUBE_VERSION)
            .dryRun()
            .clientOnly();
    sets.forEach(install::set);
    return install.call().getOutput();
  }

  /** The tour NOTES prints inline: the body of its {@code kubectl apply -f - <<'EOF'} block. */
  public static String inlineTour(String notes) {
    String start = "kubectl apply -f - <<'EOF'\n";
    int from = notes.indexOf(start);
    if (from < 0) {
      throw new AssertionError("no inline tour in the NOTES:\n" + notes);
    }
    from += start.length();
    int to = notes.indexOf("\nEOF\n", from);
    if (to < 0) {
      throw new AssertionError("the inline tour's heredoc is not closed by EOF:\n" + notes);
    }
    return notes.substring(from, to + 1);
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

    /** The release's own objects: what {@code helm install} creates, without hooks. */
    public Rendering withoutHooks() {
      return new Rendering(objects.stream().filter(o -> !isHook(o)).toList());
    }

    /** Only the hook objects ({@code helm test} and the like). */
    public Rendering hooks() {
      return new Rendering(objects.stream().filter(Rendering::isHook).toList());
    }

    public static boolean isHook(HasMetadata o) {
      Map<String, String> annotations = o.getMetadata().getAnnotations();
      return annotations != null && annotations.containsKey("helm.sh/hook");
    }
  }
}
