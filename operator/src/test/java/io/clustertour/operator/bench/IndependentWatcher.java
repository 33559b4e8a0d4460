package io.clustertour.operator.bench;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.testsupport.EventCoverage;
import io.clustertour.operator.testsupport.EventCoverage.EventRef;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The reference the operator is measured against: its own client and connections, watches started
 * before the operator, receive times taken the moment a notification arrives. Records core/v1
 * Events (first receive per UID), pod phases the way clusterloader2's PodStartupLatency does (first
 * receive of: the pod, a node name, phase Running; plus Ready), and when each ClusterTour timeline
 * entry first became visible in a status.
 */
final class IndependentWatcher implements AutoCloseable {
  /** First watch-receive times of one pod's start-up phases. */
  static final class PodTimes {
    volatile String key;
    volatile String uid;
    // the pod's own times, for the reference methods (ReferenceLatency)
    volatile Instant creationTimestamp;
    volatile Instant runningStartedAtFirstRunning;
    final Map<String, Instant> conditions = new ConcurrentHashMap<>();
    volatile Instant created;
    volatile Instant scheduled;
    volatile Instant running;
    volatile Instant ready;
  }

  private final KubernetesClient client;
  private final List<Watch> watches = new ArrayList<>();
  final Map<String, EventRef> events = new ConcurrentHashMap<>();
  final Map<String, PodTimes> pods = new ConcurrentHashMap<>();
  final Map<String, Instant> entryVisible = new ConcurrentHashMap<>();
  final List<ReferenceLatency.PodEvent> podEvents =
      java.util.Collections.synchronizedList(new ArrayList<>());

  private IndependentWatcher(KubernetesClient client) {
    this.client = client;
  }

  /** Starts the three watches with a client of its own. */
  static IndependentWatcher start(Path kubeconfig) throws IOException {
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    IndependentWatcher w =
        new IndependentWatcher(new KubernetesClientBuilder().withConfig(config).build());
    w.watches.add(w.client.v1().events().inAnyNamespace().watch(handler(w::event)));
    w.watches.add(
        w.client.pods().inAnyNamespace().withLabel(ClusterTour.TOUR_LABEL).watch(handler(w::pod)));
    w.watches.add(w.client.resources(ClusterTour.class).watch(handler(w::tour)));
    return w;
  }

  static String podKey(String namespace, String name) {
    return namespace + "/" + name;
  }

  static String entryKey(String tour, long seq) {
    return tour + "#" + seq;
  }

  private void event(Event e, Instant at) {
    if (events.putIfAbsent(e.getMetadata().getUid(), EventRef.of(e, at)) == null) {
      podEvent(e);
    }
  }

  /** The Events the reference methods read: the scheduler's Scheduled, the kubelet's Started. */
  private void podEvent(Event e) {
    var o = e.getInvolvedObject();
    if (o == null
        || !"Pod".equals(o.getKind())
        || !("Scheduled".equals(e.getReason()) || "Started".equals(e.getReason()))) {
      return;
    }
    podEvents.add(
        new ReferenceLatency.PodEvent(
            o.getUid(),
            podKey(o.getNamespace(), o.getName()),
            e.getReason(),
            e.getSource() != null && e.getSource().getComponent() != null
                ? e.getSource().getComponent()
                : e.getReportingComponent(),
            e.getEventTime() == null ? null : EventCoverage.parse(e.getEventTime().getTime()),
            EventCoverage.parse(e.getFirstTimestamp()),
            e.getMetadata().getName()));
  }

  private void pod(Pod p, Instant at) {
    PodTimes t =
        pods.computeIfAbsent(
            podKey(p.getMetadata().getNamespace(), p.getMetadata().getName()), k -> new PodTimes());
    if (t.created == null) {
      t.created = at;
      t.key = podKey(p.getMetadata().getNamespace(), p.getMetadata().getName());
      t.uid = p.getMetadata().getUid();
      t.creationTimestamp = EventCoverage.parse(p.getMetadata().getCreationTimestamp());
    }
    if (p.getStatus() != null && p.getStatus().getConditions() != null && t.ready == null) {
      // kube-burner keeps each condition's first True transition until the pod is Ready
      for (var c : p.getStatus().getConditions()) {
        Instant ltt = EventCoverage.parse(c.getLastTransitionTime());
        if ("True".equals(c.getStatus()) && ltt != null) {
          t.conditions.putIfAbsent(c.getType(), ltt);
        }
      }
    }
    if (t.scheduled == null && p.getSpec() != null && p.getSpec().getNodeName() != null) {
      t.scheduled = at;
    }
    if (t.running == null && p.getStatus() != null && "Running".equals(p.getStatus().getPhase())) {
      t.running = at;
      // clusterloader2 (timestamp method): the latest running.startedAt at the first Running
      Instant latest = null;
      for (var cs :
          p.getStatus().getContainerStatuses() == null
              ? List.<io.fabric8.kubernetes.api.model.ContainerStatus>of()
              : p.getStatus().getContainerStatuses()) {
        if (cs.getState() != null && cs.getState().getRunning() != null) {
          Instant s = EventCoverage.parse(cs.getState().getRunning().getStartedAt());
          if (s != null && (latest == null || s.isAfter(latest))) {
            latest = s;
          }
        }
      }
      t.runningStartedAtFirstRunning = latest;
    }
    if (t.ready == null
        && p.getStatus() != null
        && p.getStatus().getConditions() != null
        && p.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))) {
      t.ready = at;
    }
  }

  private void tour(ClusterTour t, Instant at) {
    if (t.getStatus() == null) {
      return;
    }
    for (StopStatus stop : t.getStatus().stops) {
      for (TimelineEntry e : stop.timeline) {
        if (e.seq != null) {
          entryVisible.putIfAbsent(entryKey(t.getMetadata().getName(), e.seq), at);
        }
      }
    }
  }

  private static <T> Watcher<T> handler(BiConsumer<T, Instant> record) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        Instant at = Instant.now();
        if (action != Action.DELETED && action != Action.ERROR && action != Action.BOOKMARK) {
          record.accept(resource, at);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        System.err.println("bench: independent watch closed: " + cause);
      }
    };
  }

  @Override
  public void close() {
    watches.forEach(Watch::close);
    client.close();
  }
}
