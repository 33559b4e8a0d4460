package io.clustertour.operator.testsupport;

import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;

/** The chart's releases the ITs install into namespaces of their own. */
public final class HelmReleases {
  private HelmReleases() {}

  /**
   * Uninstalls the release and deletes its namespace, waiting until it is gone: a release or
   * namespace left by an interrupted earlier run would make the next install fail.
   */
  public static void remove(
      KubernetesClient client, Path kubeconfig, String release, String namespace) {
    Helm.uninstall(release)
        .withNamespace(namespace)
        .withKubeConfig(kubeconfig)
        .ignoreNotFound()
        .call();
    client.namespaces().withName(namespace).delete();
    await("namespace " + namespace + " gone")
        .atMost(Duration.ofMinutes(3))
        .until(() -> client.namespaces().withName(namespace).get() == null);
  }

  /** The logs of the release's operator pods, one after the other. */
  public static String operatorLog(KubernetesClient client, String release, String namespace) {
    StringBuilder out = new StringBuilder();
    for (Pod pod :
        client
            .pods()
            .inNamespace(namespace)
            .withLabel("app.kubernetes.io/instance", release)
            .list()
            .getItems()) {
      out.append(
          client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).getLog());
    }
    return out.toString();
  }
}
