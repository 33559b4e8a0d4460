package io.clustertour.operator.web;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes what the JOSDK and JVM binders register pass {@code promtool check metrics}: help text for
 * every JOSDK meter, base units in seconds, no {@code _count} suffix outside histograms.
 */
public final class MetricConventions {
  // longest prefix first: JOSDK appends the controller name to some of its meter names
  private static final Map<String, String> JOSDK_HELP = new LinkedHashMap<>();

  static {
    JOSDK_HELP.put("operator.sdk.reconciliations.started", "Reconciliations started");
    JOSDK_HELP.put(
        "operator.sdk.reconciliations.success", "Reconciliations that ended without an exception");
    JOSDK_HELP.put(
        "operator.sdk.reconciliations.failed",
        "Reconciliations that threw, by exception; the SDK retries them");
    JOSDK_HELP.put(
        "operator.sdk.reconciliations.retries.number", "Reconciliations that were retries");
    JOSDK_HELP.put(
        "operator.sdk.reconciliations.retries.last", "Reconciliations that were the last retry");
    JOSDK_HELP.put("operator.sdk.reconciliations.executions", "Reconciliations running now");
    JOSDK_HELP.put("operator.sdk.reconciliations.queue.size", "Reconciliations waiting to run");
    JOSDK_HELP.put("operator.sdk.events.received", "Watch events the controller received");
    JOSDK_HELP.put("operator.sdk.events.delete", "Delete events the controller received");
    JOSDK_HELP.put("operator.sdk.controllers.execution", "Time spent in reconcile and cleanup");
  }

  private MetricConventions() {}

  /** Installs the filters (before any meter is registered) and the replacement CPU counter. */
  public static void apply(MeterRegistry registry) {
    registry.config().meterFilter(josdkHelp());
    // Micrometer exports process CPU time in nanoseconds; Prometheus' own name is in seconds
    registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
    registry
        .config()
        .meterFilter(
            // promtool reads a _count suffix as part of a histogram or summary
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
              }
            });
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      FunctionCounter.builder("process.cpu", os, b -> b.getProcessCpuTime() / 1e9)
          .baseUnit("seconds")
          .description("CPU time the operator's JVM used")
          .register(registry);
    }
  }

  static MeterFilter josdkHelp() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        if (id.getDescription() != null && !id.getDescription().isBlank()) {
          return id;
        }
        String help = helpFor(id.getName());
        return help == null
            ? id
            : new Meter.Id(
                id.getName(),
                Tags.of(id.getTagsAsIterable()),
                id.getBaseUnit(),
                help,
                id.getType());
      }

      @Override
      public MeterFilterReply accept(Meter.Id id) {
        return MeterFilterReply.NEUTRAL;
      }
    };
  }

  /** Help text for a JOSDK meter name, or null for meters that are not JOSDK's. */
  static String helpFor(String name) {
    for (Map.Entry<String, String> e : JOSDK_HELP.entrySet()) {
      if (name.startsWith(e.getKey())) {
        return e.getValue() + " (java-operator-sdk)";
      }
    }
    return name.startsWith("operator.sdk.") ? "java-operator-sdk meter " + name : null;
  }
}
