package io.clustertour.operator.report;

import java.util.ArrayList;
import java.util.List;

/** Breaks text into lines of at most so many terminal columns, never dropping a character. */
final class Wrap {
  /** After these a word too long for a line may be broken: paths, names, merged sources. */
  private static final String BREAK_AFTER = "/-+.,:;_=)";

  private Wrap() {}

  /**
   * The text's words in lines of at most {@code first} columns for the first line and {@code rest}
   * for the others; runs of white space become one space. A word longer than a line is broken after
   * a slash, dash or similar where possible, else where the line ends.
   */
  static List<String> lines(String text, int first, int rest) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int used = 0;
    for (String word : oneLine(text).split(" ")) {
      int limit = Math.max(1, lines.isEmpty() ? first : rest);
      int w = width(word);
      if (used > 0 && used + 1 + w <= limit) {
        line.append(' ').append(word);
        used += 1 + w;
        continue;
      }
      if (used > 0) {
        lines.add(line.toString());
        line.setLength(0);
        limit = Math.max(1, rest);
      }
      String left = word;
      while (width(left) > limit) {
        int cut = cut(left, limit);
        lines.add(left.substring(0, cut));
        left = left.substring(cut);
        limit = Math.max(1, rest);
      }
      line.append(left);
      used = width(left);
    }
    lines.add(line.toString());
    return lines;
  }

  /**
   * Where to cut a word that is wider than max: after a break character if one is not too early.
   */
  private static int cut(String word, int max) {
    int fits = fits(word, max);
    for (int i = fits; i > fits / 3 && i > 1; i--) {
      if (BREAK_AFTER.indexOf(word.charAt(i - 1)) >= 0) {
        return i;
      }
    }
    return fits;
  }

  /** Length of the longest prefix (at least one code point) within max display columns. */
  private static int fits(String s, int max) {
    int used = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      used += width(cp);
      if (used > max) {
        return Math.max(i, Character.charCount(s.codePointAt(0)));
      }
      i = next;
    }
    return s.length();
  }

  /**
   * The widest piece {@link #lines} can keep whole: a word, or the part of one up to and including
   * a break character.
   */
  static int longestPiece(String text) {
    int longest = 0;
    for (String word : oneLine(text).split(" ")) {
      int start = 0;
      for (int i = 0; i < word.length(); i++) {
        if (BREAK_AFTER.indexOf(word.charAt(i)) >= 0 || i == word.length() - 1) {
          longest = Math.max(longest, width(word.substring(start, i + 1)));
          start = i + 1;
        }
      }
    }
    return longest;
  }

  static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  /** Terminal columns a string takes: Hangul, CJK and full-width forms take two. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += width(cp);
      i += Character.charCount(cp);
    }
    return w;
  }

  private static int width(int cp) {
    if (Character.getType(cp) == Character.NON_SPACING_MARK || cp == 0x200B) {
      return 0;
    }
    boolean wide =
        (cp >= 0x1100 && cp <= 0x115F)
            || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
            || (cp >= 0xAC00 && cp <= 0xD7A3)
            || (cp >= 0xF900 && cp <= 0xFAFF)
            || (cp >= 0xFE30 && cp <= 0xFE4F)
            || (cp >= 0xFF00 && cp <= 0xFF60)
            || (cp >= 0xFFE0 && cp <= 0xFFE6)
            || (cp >= 0x1F300 && cp <= 0x1F64F)
            || (cp >= 0x20000 && cp <= 0x3FFFD);
    return wide ? 2 : 1;
  }
}
