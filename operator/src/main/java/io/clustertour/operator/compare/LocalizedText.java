package io.clustertour.operator.compare;

import io.clustertour.operator.api.ClusterTourSpec.Language;

/** A sentence in English and Korean. */
public record LocalizedText(String en, String ko) {

  /** The text in the given language, falling back to English when the other is blank. */
  public String in(Language language) {
    return language == Language.ko && !isBlank(ko) ? ko : en;
  }

  boolean isComplete() {
    return !isBlank(en) && !isBlank(ko);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
