package io.clustertour.operator.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * What the commands take from outside, so tests can give their own: the environment (COLUMNS), how
 * to connect to the cluster, the operator to run, the clock for ages, and how to quiet the logs.
 */
record Context(
    Map<String, String> env,
    Function<KubeOptions, KubernetesClient> connect,
    Cli.Operator operator,
    Clock clock,
    Runnable quietLogs) {}
