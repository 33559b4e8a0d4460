package io.clustertour.operator.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test-generated part of a markdown page, between {@code <!-- ID:begin -->} and {@code <!--
 * ID:end -->}: several tests (and people) can share one page without overwriting each other. Only
 * {@code make docs} and {@code make bench} (system property {@code docs.write=true}) write the page
 * itself; otherwise the page with the new section goes to {@code target/docs/}, so that {@code make
 * test} leaves a checkout clean.
 */
public final class GeneratedSection {
  private GeneratedSection() {}

  /**
   * Replaces the section {@code id} of {@code page} with {@code markdown}, appending it when the
   * page has no such section yet, and creating the page with {@code title} when it does not exist.
   */
  public static void write(Path page, String id, String title, String markdown) {
    try {
      String text = Files.exists(page) ? Files.readString(page) : "# " + title + "\n";
      Path target = page;
      if (!Boolean.getBoolean("docs.write")) {
        target = Path.of("target", "docs").resolve(page.getFileName());
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
          text = Files.readString(target);
        }
      }
      Files.writeString(target, replace(text, id, markdown));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page text with the section replaced or appended. Pure. */
  public static String replace(String page, String id, String markdown) {
    String begin = "<!-- " + id + ":begin -->";
    String end = "<!-- " + id + ":end -->";
    String section = begin + "\n" + markdown.strip() + "\n" + end;
    int b = page.indexOf(begin);
    int e = page.indexOf(end);
    if (b >= 0 && e > b) {
      return page.substring(0, b) + section + page.substring(e + end.length());
    }
    return page.stripTrailing() + "\n\n" + section + "\n";
  }
}
