package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.observe.Endpoints;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Service: exposes the target; done once its EndpointSlices hold every ready pod. */
final class ServiceKind extends TargetKind {
  static final ServiceKind INSTANCE = new ServiceKind();
  static final int DEFAULT_PORT = 8080;

  private ServiceKind() {}

  @Override
  public boolean readsEndpointSlices() {
    return true;
  }

  @Override
  public StopStarter.Started start(Stop stop, StopStatus status, Tools tools) {
    int port = stop.service == null || stop.service.port == null ? DEFAULT_PORT : stop.service.port;
    return StopStarter.Started.of(
        tools.actions().createService(tools.tour(), tools.namespace(), stop.target, port));
  }

  @Override
  public Judgement judge(Stop stop, Window window) {
    return judge(window.snapshot(), stop.target);
  }

  static Judgement judge(ClusterSnapshot s, String serviceName) {
    Deployment d = s.deployment();
    if (d == null) {
      return Judgement.waiting("TargetNotSeen", "target Deployment not seen on the watch");
    }
    if (s.endpointSlices().isEmpty()) {
      return Judgement.waiting(
          "NoEndpointSlice",
          "no EndpointSlice for Service "
              + serviceName
              + " yet (the endpointslice-controller creates it silently)");
    }
    int endpoints = s.endpointSlices().stream().mapToInt(Endpoints::ready).sum();
    int ready = PodChecks.orZero(d.getStatus() == null ? null : d.getStatus().getReadyReplicas());
    String counts =
        "EndpointSlices of Service "
            + serviceName
            + " hold "
            + endpoints
            + " ready endpoint(s); Deployment "
            + d.getMetadata().getName()
            + " has "
            + ready
            + " ready pod(s)";
    return endpoints == ready
        ? Judgement.completed(counts)
        : Judgement.waiting("EndpointsNotReady", counts);
  }
}
