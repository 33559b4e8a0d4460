package io.clustertour.operator.testsupport;

import io.clustertour.operator.api.ClusterTour;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A JOSDK operator on the fabric8 mock server that runs given event sources for ClusterTours and
 * only notes which tours they wake; wiring checks, never evidence of real behaviour.
 */
public final class MockOperator implements AutoCloseable {
  /** Names of the tours reconciled, in order, one entry per reconcile. */
  public final List<String> reconciled = new CopyOnWriteArrayList<>();

  private final Operator operator;

  private MockOperator(
      KubernetesClient client,
      Function<EventSourceContext<ClusterTour>, List<EventSource<?, ClusterTour>>> sources,
      Consumer<ClusterTour> onReconcile) {
    operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withCacheSyncTimeout(Duration.ofSeconds(30)));
    operator.register(new Waking(sources, reconciled, onReconcile));
  }

  /** Starts the operator; returns once every event source has synced. */
  public static MockOperator start(
      KubernetesClient client,
      Function<EventSourceContext<ClusterTour>, List<EventSource<?, ClusterTour>>> sources) {
    return start(client, sources, tour -> {});
  }

  /**
   * As {@link #start(KubernetesClient, Function)}, running {@code onReconcile} in each reconcile.
   */
  public static MockOperator start(
      KubernetesClient client,
      Function<EventSourceContext<ClusterTour>, List<EventSource<?, ClusterTour>>> sources,
      Consumer<ClusterTour> onReconcile) {
    MockOperator started = new MockOperator(client, sources, onReconcile);
    started.operator.start();
    return started;
  }

  @Override
  public void close() {
    operator.stop();
  }

  /** Notes each reconcile; the event sources come from the test. */
  @ControllerConfiguration(name = "mock-waking")
  static final class Waking implements Reconciler<ClusterTour> {
    private final Function<EventSourceContext<ClusterTour>, List<EventSource<?, ClusterTour>>>
        sources;
    private final List<String> reconciled;
    private final Consumer<ClusterTour> onReconcile;

    Waking(
        Function<EventSourceContext<ClusterTour>, List<EventSource<?, ClusterTour>>> sources,
        List<String> reconciled,
        Consumer<ClusterTour> onReconcile) {
      this.sources = sources;
      this.reconciled = reconciled;
      this.onReconcile = onReconcile;
    }

    @Override
    public List<EventSource<?, ClusterTour>> prepareEventSources(
        EventSourceContext<ClusterTour> context) {
      return sources.apply(context);
    }

    @Override
    public UpdateControl<ClusterTour> reconcile(ClusterTour tour, Context<ClusterTour> context) {
      onReconcile.accept(tour);
      reconciled.add(tour.getMetadata().getName());
      return UpdateControl.noUpdate();
    }
  }
}
