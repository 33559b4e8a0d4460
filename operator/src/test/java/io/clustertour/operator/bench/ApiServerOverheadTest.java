package io.clustertour.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiServerOverheadTest {
  @Test
  void dropsTheAuditWebhookAndTracingFlagsWithTheirValuesAndKeepsTheRest() {
    List<String> args =
        List.of(
            "/bin/kube-apiserver",
            "--etcd-servers",
            "http://127.0.0.1:2379",
            "--audit-policy-file",
            "/p.yaml",
            "--audit-webhook-mode=batch",
            "--tracing-config-file",
            "/t.yaml",
            "--v=2");
    assertThat(ApiServerOverhead.withoutEvidence(args))
        .containsExactly("/bin/kube-apiserver", "--etcd-servers", "http://127.0.0.1:2379", "--v=2");
  }

  @Test
  void readsAndWritesNulSeparatedCommandLines() {
    byte[] cmd = "/bin/x\0--a\0b c\0".getBytes();
    assertThat(ApiServerOverhead.args(cmd)).containsExactly("/bin/x", "--a", "b c");
    assertThat(ApiServerOverhead.join(ApiServerOverhead.args(cmd))).isEqualTo(cmd);
  }

  @Test
  void refusesAnyClusterButTheProjectsLocalOne(@TempDir Path dir) throws Exception {
    Path elsewhere = dir.resolve("kube/config");
    Files.createDirectories(elsewhere.getParent());
    Files.writeString(elsewhere, "");
    assertThat(ApiServerOverhead.refusal(elsewhere)).contains("not the project's local cluster");

    Path state = dir.resolve(".cluster");
    Files.createDirectories(state.resolve("pids"));
    Files.createDirectories(dir.resolve("hack/local-cluster"));
    Files.writeString(dir.resolve("hack/local-cluster/component.sh"), "");
    Files.write(
        state.resolve("pids/kube-apiserver.cmd"),
        ApiServerOverhead.join(List.of("/bin/k", "--v=2")));
    assertThat(ApiServerOverhead.refusal(state.resolve("kubeconfig"))).contains("already");
    Files.write(
        state.resolve("pids/kube-apiserver.cmd"),
        ApiServerOverhead.join(List.of("/bin/k", "--audit-webhook-config-file", "/w")));
    assertThat(ApiServerOverhead.refusal(state.resolve("kubeconfig"))).isNull();
  }
}
