package io.clustertour.operator.observe;

import io.clustertour.operator.receive.AuditRecord;
import io.clustertour.operator.receive.EvidenceSink;
import io.clustertour.operator.receive.Span;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Turns what the receivers accepted into observations of tracked namespaces: each component's
 * requests to the API server (audit), the API server's etcd writes of objects being created or
 * deleted, and the kubelet's CRI calls for a pod (traces). Joins what arrives in separate batches:
 * a create by generateName gets its name from its etcd write (same audit id), a CRI call its pod
 * from the kubelet's syncPod span of the same trace.
 */
public final class Interactions implements EvidenceSink {
  public static final String AUDIT = "audit";
  public static final String TRACE = "trace";

  /** How long a nameless create waits for its etcd write, a record for the watch's object. */
  static final Duration JOIN_WAIT = Duration.ofSeconds(3);

  /**
   * How long a CRI call waits for the kubelet's syncPod span, which is exported when the whole sync
   * ends: seconds later when an image pull fails slowly.
   */
  static final Duration POD_SPAN_WAIT = Duration.ofSeconds(30);

  static final int JOIN_LIMIT = 4096;

  private static final Set<String> WRITES =
      Set.of("create", "update", "patch", "delete", "deletecollection");
  // the calls that make a pod's sandbox and containers; status polls are left out
  private static final Set<String> CRI_CALLS =
      Set.of(
          "RunPodSandbox",
          "PullImage",
          "ImageStatus",
          "CreateContainer",
          "StartContainer",
          "StopContainer",
          "RemoveContainer",
          "StopPodSandbox",
          "RemovePodSandbox");

  private final Predicate<String> tracked;
  private final Consumer<Observation> record;
  private final UidLookup uids;
  private final String ownUserAgent;
  private final Clock clock;

  private final LinkedHashMap<String, Waiting<AuditRecord>> namelessCreates = new LinkedHashMap<>();
  private final LinkedHashMap<String, Span> storageByAudit = new LinkedHashMap<>();
  private final LinkedHashMap<String, PodSpan> podByTrace = new LinkedHashMap<>();
  private final LinkedHashMap<String, Waiting<Span>> criWaiting = new LinkedHashMap<>();
  private final LinkedHashMap<String, Waiting<Mergeable>> waitingForObject = new LinkedHashMap<>();
  private final LinkedHashMap<String, Waiting<String>> ownCreates = new LinkedHashMap<>();
  private long unjoined;

  /**
   * @param tracked whether a namespace belongs to a tour
   * @param record records one observation (of a tracked namespace)
   * @param uids the uid of an object by kind, namespace and name from the watch caches
   * @param ownUserAgent the operator's own user agent: its requests are recorded from the answers
   */
  public Interactions(
      Predicate<String> tracked,
      Consumer<Observation> record,
      UidLookup uids,
      String ownUserAgent,
      Clock clock) {
    this.tracked = tracked;
    this.record = record;
    this.uids = uids;
    this.ownUserAgent = ownUserAgent;
    this.clock = clock;
  }

  @Override
  public synchronized int audited(List<AuditRecord> records) {
    Instant now = clock.instant();
    int kept = 0;
    for (AuditRecord r : records) {
      String namespace = namespaceOf(r);
      if (!wanted(r) || !tracked.test(namespace)) {
        continue;
      }
      kept++;
      if ("create".equals(r.verb()) && r.name() == null && r.subresource() == null) {
        Span write = storageByAudit.remove(r.auditId());
        if (write == null) {
          put(namelessCreates, r.auditId(), new Waiting<>(r, now));
          continue;
        }
        r = named(r, write);
      }
      emitRequest(r, namespace, now);
    }
    expire(now);
    return kept;
  }

  @Override
  public synchronized int traced(List<Span> spans) {
    Instant now = clock.instant();
    int kept = 0;
    for (Span s : spans) {
      if (s.attribute(OtlpKeys.STORAGE_KEY) != null) {
        StorageKey key = StorageKey.parse(s.attribute(OtlpKeys.STORAGE_KEY));
        kept += key != null && tracked.test(key.namespace()) ? 1 : 0;
        storage(s, key, now);
      } else if (s.attribute(OtlpKeys.POD_UID) != null) {
        PodSpan pod = PodSpan.of(s);
        kept += tracked.test(pod.namespace()) ? 1 : 0;
        put(podByTrace, s.traceId(), pod);
        releaseCri(s.traceId(), pod, now);
      } else if (CRI_CALLS.contains(method(s.name()))) {
        PodSpan pod = podByTrace.get(s.traceId());
        if (pod == null) {
          // its pod is not known yet: counted as kept once joined is not tracked here
          put(criWaiting, s.spanId(), new Waiting<>(s, now));
        } else {
          kept += tracked.test(pod.namespace()) ? 1 : 0;
          cri(s, pod, now);
        }
      }
    }
    expire(now);
    return kept;
  }

  /**
   * The operator just created an object (its answer is recorded): its etcd write, which the API
   * server traces as an update because the operator applies, is that creation's.
   */
  public synchronized void ownCreate(String kind, String namespace, String name) {
    put(ownCreates, ownCreateKey(kind, namespace, name), new Waiting<>(kind, clock.instant()));
  }

  private static String ownCreateKey(String kind, String namespace, String name) {
    return kind + "|" + namespace + "|" + name;
  }

  /** Requests and spans given up on because their other half never came. */
  public synchronized long unjoined() {
    return unjoined;
  }

  /** An etcd write span, {@code key} parsed from its storage key (null when unreadable). */
  private void storage(Span s, StorageKey key, Instant now) {
    String auditId = s.attribute("audit-id");
    Waiting<AuditRecord> create = namelessCreates.remove(auditId);
    if (create != null) {
      AuditRecord r = named(create.item(), s);
      emitRequest(r, namespaceOf(r), create.since());
    } else if (s.name().startsWith("Create")) {
      put(storageByAudit, auditId, s);
    }
    // the operator creates by server-side apply, which the API server stores as an update
    boolean ownCreate =
        key != null
            && s.name().startsWith("GuaranteedUpdate")
            && ownCreates.remove(
                    ownCreateKey(Callers.kind(key.resource()), key.namespace(), key.name()))
                != null;
    boolean createsOrDeletes =
        ownCreate || s.name().startsWith("Create") || s.name().startsWith("Delete");
    // Events are watched, and each Event write would double the rows
    if (key == null
        || !createsOrDeletes
        || "events".equals(key.resource())
        || !tracked.test(key.namespace())) {
      return;
    }
    String kind = Callers.kind(key.resource());
    String uid = uids.uid(kind, key.namespace(), key.name());
    String verb = ownCreate || s.name().startsWith("Create") ? "create" : "delete";
    String step =
        "create".equals(verb) ? kind + "Created" : "Pod".equals(kind) ? "PodDeleted" : null;
    emit(
        spanObservation(
            s,
            now,
            key.namespace(),
            "etcd " + verb,
            "kube-apiserver",
            kind,
            key.name(),
            uid,
            "kube-apiserver wrote key " + s.attribute(OtlpKeys.STORAGE_KEY) + " to etcd",
            s.name(),
            "trace/" + s.spanId()),
        step,
        now);
  }

  private void releaseCri(String traceId, PodSpan pod, Instant now) {
    Iterator<Waiting<Span>> waiting = criWaiting.values().iterator();
    List<Span> ready = new ArrayList<>();
    while (waiting.hasNext()) {
      Span s = waiting.next().item();
      if (s.traceId().equals(traceId)) {
        ready.add(s);
        waiting.remove();
      }
    }
    ready.forEach(s -> cri(s, pod, now));
  }

  private void cri(Span s, PodSpan pod, Instant now) {
    if (!tracked.test(pod.namespace())) {
      return;
    }
    String method = method(s.name());
    String node = s.host() == null ? "" : " on node " + s.host();
    // one row per pod for the image check (the kubelet asks once per container)
    String key =
        "ImageStatus".equals(method)
            ? "trace/" + pod.uid() + "/ImageStatus"
            : "trace/" + s.spanId();
    record.accept(
        spanObservation(
            s,
            now,
            pod.namespace(),
            method,
            "kubelet",
            "Pod",
            pod.name(),
            pod.uid(),
            "kubelet" + node + " called the container runtime over CRI: " + s.name(),
            null,
            key));
  }

  /**
   * A traced call as a row: {@code what} it did, then in brackets the {@code spanName} (when {@code
   * what} does not say it), its duration and whether it failed.
   */
  private static Observation spanObservation(
      Span s,
      Instant now,
      String namespace,
      String reason,
      String component,
      String kind,
      String name,
      String uid,
      String what,
      String spanName,
      String key) {
    String outcome =
        " ("
            + (spanName == null ? "" : spanName + ", ")
            + millis(s.start(), s.end())
            + (s.failed() ? ", failed" : "")
            + ")";
    return new Observation(
            0,
            now,
            namespace,
            TRACE,
            reason,
            component,
            kind,
            name,
            uid,
            what + outcome,
            s.start(),
            Observation.MICROS,
            null,
            1,
            false,
            false,
            key,
            0)
        .endingAt(s.end());
  }

  private Observation request(AuditRecord r, String namespace, Instant now) {
    String kind = Callers.kind(r.resource());
    String uid = r.uid();
    if (uid == null && r.name() != null) {
      uid = uids.uid(kind, namespace, r.name());
    }

    String node = Callers.node(r.user());
    String message =
        (node == null ? r.user() : "kubelet of node " + node)
            + ": "
            + Callers.method(r.verb())
            + " "
            + path(r.requestUri())
            + " → HTTP "
            + r.code()
            + " in "
            + millis(r.received(), r.completed());
    return new Observation(
            0,
            now,
            namespace,
            AUDIT,
            r.verb() + " " + r.resource() + (r.subresource() == null ? "" : "/" + r.subresource()),
            Callers.component(r.user()),
            kind,
            r.name(),
            uid,
            message,
            r.received(),
            Observation.MICROS,
            null,
            1,
            false,
            false,
            "audit/" + r.auditId(),
            0)
        .endingAt(r.completed());
  }

  /** Records a request the way {@link #emit} does. */
  private void emitRequest(AuditRecord r, String namespace, Instant now) {
    emit(request(r, namespace, now), sameWriteAs(r, Callers.kind(r.resource())), now);
  }

  /**
   * Records {@code o}; when it is direct evidence of a write the watch also records ({@code step}),
   * under that write's key so they become one row. The watch may deliver the object after the audit
   * batch or span arrives (seen on a busy machine): then it waits for the object to show up in the
   * caches, at most {@link #JOIN_WAIT}, and is recorded on its own after that.
   */
  private void emit(Observation o, String step, Instant now) {
    if (step == null) {
      record.accept(o);
      return;
    }
    String uid = o.uid() != null ? o.uid() : uids.uid(o.kind(), o.namespace(), o.name());
    if (uid != null) {
      record.accept(o.withIdentity(uid, watchKey(uid, step)));
    } else {
      put(waitingForObject, o.key(), new Waiting<>(new Mergeable(o, step), now));
    }
  }

  /** Tries again what waits for its object; call when the watch recorded something. */
  public synchronized void objectsChanged() {
    retryWaiting(clock.instant());
  }

  private void retryWaiting(Instant now) {
    Instant limit = now.minus(JOIN_WAIT);
    Iterator<Waiting<Mergeable>> waiting = waitingForObject.values().iterator();
    List<Observation> ready = new ArrayList<>();
    while (waiting.hasNext()) {
      Waiting<Mergeable> w = waiting.next();
      Observation o = w.item().observation();
      String uid = uids.uid(o.kind(), o.namespace(), o.name());
      if (uid != null) {
        ready.add(o.withIdentity(uid, watchKey(uid, w.item().step())));
        waiting.remove();
      } else if (!w.since().isAfter(limit)) {
        ready.add(o);
        waiting.remove();
        unjoined++;
      }
    }
    ready.forEach(record);
  }

  private record Mergeable(Observation observation, String step) {}

  /**
   * The watch step that records the very write this request made, if there is one: a create, the
   * scheduler's binding, a kubelet's final delete of a pod. Same key, so they become one row.
   */
  private static String sameWriteAs(AuditRecord r, String kind) {
    if ("create".equals(r.verb()) && r.subresource() == null) {
      return kind + "Created";
    }
    if ("create".equals(r.verb()) && "binding".equals(r.subresource())) {
      return "PodBound";
    }
    if ("delete".equals(r.verb()) && "Pod".equals(kind) && Callers.node(r.user()) != null) {
      return "PodDeleted";
    }
    return null;
  }

  /** The key {@code ObservationRecorder} gives a watch step of an object. */
  static String watchKey(String uid, String step) {
    return "watch/" + uid + "/" + step;
  }

  /** Finds an object's uid in the watch caches. */
  @FunctionalInterface
  public interface UidLookup {
    /** The uid, or {@code null} when the caches do not hold the object (yet). */
    String uid(String kind, String namespace, String name);
  }

  /**
   * Writes and deletes of every caller, and the kubelets' reads of pods (how a kubelet fetches a
   * pod bound to its node); the operator's own requests are already recorded from its answers.
   */
  private boolean wanted(AuditRecord r) {
    if (!"ResponseComplete".equals(r.stage())) {
      return false;
    }
    if (ownUserAgent != null && ownUserAgent.equals(r.userAgent())) {
      return false;
    }
    if (WRITES.contains(r.verb())) {
      return !"events".equals(r.resource());
    }
    return "get".equals(r.verb()) && "pods".equals(r.resource()) && Callers.node(r.user()) != null;
  }

  private static String namespaceOf(AuditRecord r) {
    if (r.namespace() != null) {
      return r.namespace();
    }
    return "namespaces".equals(r.resource()) ? r.name() : null;
  }

  private AuditRecord named(AuditRecord r, Span write) {
    StorageKey key = StorageKey.parse(write.attribute(OtlpKeys.STORAGE_KEY));
    if (key == null) {
      return r;
    }
    return new AuditRecord(
        r.auditId(),
        r.stage(),
        r.user(),
        r.userAgent(),
        r.verb(),
        r.requestUri(),
        r.apiGroup(),
        r.resource(),
        r.subresource(),
        r.namespace(),
        key.name(),
        r.uid(),
        r.code(),
        r.received(),
        r.completed());
  }

  private void expire(Instant now) {
    retryWaiting(now);
    Instant limit = now.minus(JOIN_WAIT);
    Iterator<Waiting<AuditRecord>> creates = namelessCreates.values().iterator();
    while (creates.hasNext()) {
      Waiting<AuditRecord> w = creates.next();
      if (w.since().isAfter(limit)) {
        break;
      }
      creates.remove();
      // recorded without a name rather than lost: who created what kind is still true
      // without its name there is no object to merge with
      record.accept(request(w.item(), namespaceOf(w.item()), w.since()));
      unjoined++;
    }
    Iterator<Waiting<Span>> cri = criWaiting.values().iterator();
    Instant podLimit = now.minus(POD_SPAN_WAIT);
    while (cri.hasNext()) {
      if (cri.next().since().isAfter(podLimit)) {
        break;
      }
      cri.remove();
      unjoined++;
    }
  }

  private <V> void put(LinkedHashMap<String, V> map, String key, V value) {
    map.put(key, value);
    if (map.size() > JOIN_LIMIT) {
      Iterator<Map.Entry<String, V>> oldest = map.entrySet().iterator();
      oldest.next();
      oldest.remove();
      unjoined++;
    }
  }

  static String method(String spanName) {
    int slash = spanName.lastIndexOf('/');
    return slash < 0 ? spanName : spanName.substring(slash + 1);
  }

  private static String path(String uri) {
    if (uri == null) {
      return "";
    }
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }

  private static String millis(Instant from, Instant to) {
    long micros = Duration.between(from, to).toNanos() / 1000;
    return String.format(java.util.Locale.ROOT, "%.1f ms", micros / 1000.0);
  }

  private record Waiting<T>(T item, Instant since) {}

  /** The pod a kubelet trace is about. */
  private record PodSpan(String namespace, String name, String uid) {
    static PodSpan of(Span s) {
      return new PodSpan(
          s.attribute("k8s.namespace.name"),
          s.attribute("k8s.pod.name"),
          s.attribute("k8s.pod.uid"));
    }
  }

  /** An etcd key of the API server's storage: /resource[/sub]/namespace/name or /resource/name. */
  record StorageKey(String resource, String namespace, String name) {
    static StorageKey parse(String key) {
      if (key == null || !key.startsWith("/")) {
        return null;
      }
      String[] parts = key.substring(1).split("/");
      return switch (parts.length) {
        case 2 ->
            "namespaces".equals(parts[0]) ? new StorageKey(parts[0], parts[1], parts[1]) : null;
        case 3 -> new StorageKey(parts[0], parts[1], parts[2]);
        case 4 -> new StorageKey(parts[0], parts[2], parts[3]);
        default -> null;
      };
    }
  }

  /** Attribute names the receivers rely on. */
  static final class OtlpKeys {
    static final String STORAGE_KEY = "key";
    static final String POD_UID = "k8s.pod.uid";

    private OtlpKeys() {}
  }
}
