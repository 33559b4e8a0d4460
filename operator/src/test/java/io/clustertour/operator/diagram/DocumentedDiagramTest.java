package io.clustertour.operator.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.compare.FlowCatalog;
import io.clustertour.operator.diagram.Arrow.Style;
import org.junit.jupiter.api.Test;

class DocumentedDiagramTest {
  private static final StopStatus WEB = RecordedStops.named("web");

  private static Arrow step(SequenceDiagram d, String id) {
    return d.arrows().stream().filter(a -> a.ref().equals("step-" + id)).findFirst().orElseThrow();
  }

  @Test
  void theNotesArrowsAreDrawnAndTheMythsMarked() {
    SequenceDiagram d = DocumentedDiagram.of(WEB, FlowCatalog.shipped(), Language.en);
    assertEquals(WEB.flow.size(), d.arrows().size());
    Arrow ask = step(d, "deployment.ask-scheduler");
    assertEquals("APISERVER", ask.from());
    assertEquals("scheduler:kube-scheduler", ask.to());
    assertEquals(Style.MYTH, ask.style());
    assertTrue(ask.detail().contains("No request goes from the API server to the scheduler"));
    assertNotNull(ask.evidenceRef(), "a myth links to what really happened");
    Arrow etcd = step(d, "deployment.etcd");
    assertEquals(Style.CONFIRMED, etcd.style());
    assertEquals("etcd", d.lifelines().get(d.column(etcd.to())).label());
    assertEquals(Style.UNSEEN, step(d, "deployment.watch").style());
    assertTrue(step(d, "deployment.pod-unit").isRemark());
  }

  @Test
  void koreanLabelsComeFromTheFlowFiles() {
    SequenceDiagram d = DocumentedDiagram.of(WEB, FlowCatalog.shipped(), Language.ko);
    assertEquals("어느 노드?", step(d, "deployment.ask-scheduler").label());
  }

  @Test
  void aStopThatDivergedLeavesItsLaterStepsOpen() {
    StopStatus broken = RecordedStops.named("broken");
    SequenceDiagram d = DocumentedDiagram.of(broken, FlowCatalog.shipped(), Language.en);
    assertEquals(Style.OPEN, step(d, "deployment.ready").style());
  }
}
