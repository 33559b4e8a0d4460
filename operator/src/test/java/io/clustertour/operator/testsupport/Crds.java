package io.clustertour.operator.testsupport;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Installs the committed CRD (crds/) into the test cluster, the way a user would. */
public final class Crds {
  public static final Path CRD_FILE = Path.of("../crds/clustertours.clustertour.io-v1.yml");

  private Crds() {}

  /** Server-side applies the CRD and waits until the API server serves it. */
  public static void install(KubernetesClient client) {
    try (InputStream in = Files.newInputStream(CRD_FILE)) {
      CustomResourceDefinition crd =
          client.apiextensions().v1().customResourceDefinitions().load(in).item();
      client.resource(crd).fieldManager("clustertour-tests").forceConflicts().serverSideApply();
      await("CRD established")
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                CustomResourceDefinition live =
                    client
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(crd.getMetadata().getName())
                        .get();
                return live != null
                    && live.getStatus() != null
                    && live.getStatus().getConditions().stream()
                        .anyMatch(
                            c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
              });
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + CRD_FILE, e);
    }
  }
}
