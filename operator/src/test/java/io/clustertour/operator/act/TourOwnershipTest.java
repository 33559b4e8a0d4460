package io.clustertour.operator.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTour;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class TourOwnershipTest {

  @Test
  void namespaceOfAnEarlierTourWithTheSameNameIsNotOwned() {
    Namespace leftover = WorkloadSpecs.namespace(WorkloadSpecsTest.tour(), "tour-ns");
    ClusterTour recreated = WorkloadSpecsTest.tour();
    recreated.getMetadata().setUid("uid-2");

    assertTrue(TourOwnership.isLabelledBy(leftover, "first"));
    assertFalse(TourOwnership.isOwnedBy(leftover, recreated));
  }

  @Test
  void preexistingNamespaceIsNeitherLabelledNorOwned() {
    Namespace kubeSystem =
        new NamespaceBuilder().withNewMetadata().withName("kube-system").endMetadata().build();

    assertFalse(TourOwnership.isLabelledBy(kubeSystem, "first"));
    assertFalse(TourOwnership.isOwnedBy(kubeSystem, WorkloadSpecsTest.tour()));
  }

  @Test
  void oldestLivePodIsChosenForDeletion() {
    Pod young = pod("web-b", "2024-05-01T10:00:05Z", false);
    Pod old = pod("web-c", "2024-05-01T10:00:01Z", false);
    Pod oldButLeaving = pod("web-a", "2024-05-01T10:00:00Z", true);

    assertEquals(
        "web-c",
        PodDeleter.oldest(List.of(young, old, oldButLeaving))
            .orElseThrow()
            .getMetadata()
            .getName());
    assertTrue(PodDeleter.oldest(List.of(oldButLeaving)).isEmpty());
  }

  private static Pod pod(String name, String created, boolean terminating) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withCreationTimestamp(created)
        .withDeletionTimestamp(terminating ? "2024-05-01T10:01:00Z" : null)
        .endMetadata()
        .build();
  }
}
