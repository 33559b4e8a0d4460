package io.clustertour.operator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneratedSectionTest {
  @Test
  void appendsASectionThePageDoesNotHaveYet() {
    assertThat(GeneratedSection.replace("# Page\n\ntext\n", "a", "| x |\n"))
        .isEqualTo("# Page\n\ntext\n\n<!-- a:begin -->\n| x |\n<!-- a:end -->\n");
  }

  @Test
  void replacesOnlyItsOwnSection() {
    String page =
        "# P\n<!-- a:begin -->\nold a\n<!-- a:end -->\nhand-written\n"
            + "<!-- b:begin -->\nold b\n<!-- b:end -->\n";
    assertThat(GeneratedSection.replace(page, "a", "new a"))
        .isEqualTo(
            "# P\n<!-- a:begin -->\nnew a\n<!-- a:end -->\nhand-written\n"
                + "<!-- b:begin -->\nold b\n<!-- b:end -->\n");
  }
}
