package io.clustertour.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed CRD copies must equal what the crd-generator makes from the Java classes. */
class CrdDriftTest {
  private static final String CRD = "clustertours.clustertour.io-v1.yml";
  private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8", CRD);

  @Test
  void committedCrdMatchesGenerated() throws IOException {
    assertSame(Path.of("../crds", CRD));
  }

  @Test
  void helmChartCrdMatchesGenerated() throws IOException {
    Path chartCrd = Path.of("../helm/cluster-tour-operator/crds", CRD);
    if (Files.exists(chartCrd.getParent())) {
      assertSame(chartCrd);
    }
  }

  private static void assertSame(Path committed) throws IOException {
    assertThat(committed).as("run `make crds` and commit the result").exists();
    assertThat(Files.readString(committed))
        .as(
            "%s drifted from the Java API classes: run `make crds` and commit the result",
            committed)
        .isEqualTo(Files.readString(GENERATED));
  }
}
