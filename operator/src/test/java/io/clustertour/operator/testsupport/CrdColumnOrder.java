package io.clustertour.operator.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Build step (process-test-classes): moves the Age printer column of the generated CRD to the end.
 * The crd-generator sorts printer columns by JSON path, which puts .metadata.creationTimestamp
 * before every .status column; kubectl users expect AGE last. CrdConventionsTest checks the result.
 */
public final class CrdColumnOrder {
  private static final String AGE = "- jsonPath: \".metadata.creationTimestamp\"";

  private CrdColumnOrder() {}

  public static void main(String[] args) throws IOException {
    for (String file : args) {
      Path path = Path.of(file);
      Files.writeString(path, ageLast(Files.readString(path)));
    }
  }

  /** The CRD text with the Age column item moved behind the other columns of its version. */
  static String ageLast(String crd) {
    List<String> lines = new ArrayList<>(List.of(crd.split("\n", -1)));
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(AGE)) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      return crd;
    }
    String itemIndent = lines.get(start).substring(0, lines.get(start).indexOf('-'));
    int end = start + 1;
    while (end < lines.size() && lines.get(end).startsWith(itemIndent + "  ")) {
      end++;
    }
    // the column list goes on while items of the same indentation follow
    int last = end;
    while (last < lines.size() && lines.get(last).startsWith(itemIndent)) {
      if (!lines.get(last).startsWith(itemIndent + "- ")
          && !lines.get(last).startsWith(itemIndent + "  ")) {
        break;
      }
      last++;
    }
    List<String> age = new ArrayList<>(lines.subList(start, end));
    List<String> others = new ArrayList<>(lines.subList(end, last));
    List<String> out = new ArrayList<>(lines.subList(0, start));
    out.addAll(others);
    out.addAll(age);
    out.addAll(lines.subList(last, lines.size()));
    return String.join("\n", out);
  }
}
