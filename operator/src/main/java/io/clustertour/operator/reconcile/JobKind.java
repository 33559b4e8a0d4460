package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Optional;

/** Job: creates one; done once it is Complete, or it diverged (failed pods, backoff limit). */
final class JobKind implements StopKind {
  static final JobKind INSTANCE = new JobKind();

  private JobKind() {}

  @Override
  public Optional<String> namespace(Stop stop, TourPlan plan) {
    return Optional.ofNullable(stop.job).map(w -> w.namespace);
  }

  @Override
  public Optional<String> workload(Stop stop) {
    return Optional.ofNullable(stop.job).map(w -> w.name);
  }

  @Override
  public boolean readsJob() {
    return true;
  }

  @Override
  public boolean measuresPods() {
    return true;
  }

  @Override
  public StopStarter.Started start(Stop stop, StopStatus status, Tools tools) {
    return StopStarter.Started.of(tools.actions().createJob(tools.tour(), stop.job));
  }

  @Override
  public Judgement judge(Stop stop, Window window) {
    return PodChecks.diverged(window).orElseGet(() -> judge(window.snapshot()));
  }

  static Judgement judge(ClusterSnapshot s) {
    Job job = s.job();
    if (job == null) {
      return Judgement.waiting("JobNotSeen", "Job not seen on the watch yet");
    }
    String name = job.getMetadata().getName();
    JobCondition complete = PodTrouble.jobCondition(job, "Complete");
    if (complete != null && "True".equals(complete.getStatus())) {
      return Judgement.completed("Job " + name + " is Complete");
    }
    List<Pod> live = PodChecks.live(s.pods());
    if (live.isEmpty()) {
      return Judgement.waiting(
          "NoPodCreated", "no pod yet (no job-controller SuccessfulCreate) for Job " + name);
    }
    return PodProgress.laggard(live)
        .orElseGet(() -> Judgement.waiting("JobNotComplete", "Job " + name + " not Complete yet"));
  }
}
