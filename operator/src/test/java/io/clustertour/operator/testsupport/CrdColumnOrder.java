package io.clustertour.operator.testsupport;

import io.clustertour.operator.api.ClusterTour;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Build step (process-test-classes): puts the printer columns of the generated CRD back in the
 * order ClusterTour declares them. The crd-generator sorts them by JSON path, which puts AGE
 * (.metadata.creationTimestamp) first and the -o wide columns among the others; kubectl prints them
 * in the CRD's order. CrdConventionsTest checks the result, KubectlTourIT the API server's.
 */
public final class CrdColumnOrder {
  private static final String LIST = "additionalPrinterColumns:";
  private static final String PATH = "jsonPath: ";

  private CrdColumnOrder() {}

  public static void main(String[] args) throws IOException {
    List<String> declared =
        Arrays.stream(ClusterTour.class.getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::jsonPath)
            .toList();
    for (String file : args) {
      Path path = Path.of(file);
      Files.writeString(path, declaredOrder(Files.readString(path), declared));
    }
  }

  /** The CRD text with each version's column items sorted by their JSON path's place in order. */
  static String declaredOrder(String crd, List<String> order) {
    List<String> lines = new ArrayList<>(List.of(crd.split("\n", -1)));
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().endsWith(LIST)) {
        continue;
      }
      int start = i + 1;
      String item = lines.get(start).substring(0, lines.get(start).indexOf('-'));
      List<List<String>> items = new ArrayList<>();
      int end = start;
      while (end < lines.size() && lines.get(end).startsWith(item + "- ")) {
        List<String> one = new ArrayList<>(List.of(lines.get(end++)));
        while (end < lines.size() && lines.get(end).startsWith(item + "  ")) {
          one.add(lines.get(end++));
        }
        items.add(one);
      }
      // a stable sort: a column the class does not declare keeps its place after the declared
      items.sort(Comparator.comparingInt(one -> rank(one, order)));
      List<String> sorted = items.stream().flatMap(List::stream).toList();
      for (int k = 0; k < sorted.size(); k++) {
        lines.set(start + k, sorted.get(k));
      }
      i = end;
    }
    return String.join("\n", lines);
  }

  private static int rank(List<String> item, List<String> order) {
    for (String line : item) {
      int at = line.indexOf(PATH);
      if (at >= 0) {
        String path = line.substring(at + PATH.length()).strip().replace("\"", "");
        int rank = order.indexOf(path);
        return rank < 0 ? order.size() : rank;
      }
    }
    return order.size();
  }
}
