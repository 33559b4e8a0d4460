package io.clustertour.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromTextTest {
  @Test
  void readsNamesLabelsAndValues() {
    List<PromText.Sample> s =
        PromText.parse(
            """
            # HELP x y
            # TYPE apiserver_longrunning_requests gauge
            apiserver_longrunning_requests{group="",resource="pods",verb="WATCH"} 3
            apiserver_longrunning_requests{group="apps",resource="deployments",verb="WATCH"} 2
            process_cpu_seconds_total 12.5
            odd{msg="a \\"quoted\\", comma",le="+Inf"} +Inf
            """);
    assertThat(s).hasSize(4);
    assertThat(s.get(0).label("resource")).isEqualTo("pods");
    assertThat(s.get(2).name()).isEqualTo("process_cpu_seconds_total");
    assertThat(s.get(2).value()).isEqualTo(12.5);
    assertThat(s.get(3).label("msg")).isEqualTo("a \"quoted\", comma");
    assertThat(s.get(3).value()).isInfinite();
    assertThat(
            PromText.sum(s, "apiserver_longrunning_requests", x -> x.label("verb").equals("WATCH")))
        .isEqualTo(5.0);
  }
}
