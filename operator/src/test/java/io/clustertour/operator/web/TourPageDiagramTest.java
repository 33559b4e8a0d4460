package io.clustertour.operator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourSpec;
import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.TourState;
import io.clustertour.operator.api.Verdict;
import io.clustertour.operator.diagram.RecordedStops;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The recorded tour's page: both diagrams per stop, every arrow a working link to evidence. */
class TourPageDiagramTest {
  private static final Pattern SVG = Pattern.compile("<svg class=\"sd\".*?</svg>", Pattern.DOTALL);
  private static final Pattern ID = Pattern.compile(" id=\"([^\"]+)\"");

  static ClusterTour recorded(ClusterTourSpec.Language language, TourState state) {
    ClusterTour tour = new ClusterTour();
    tour.setMetadata(
        new ObjectMetaBuilder()
            .withName("unseen-mix")
            .withCreationTimestamp("2026-12-02T01:32:53Z")
            .build());
    ClusterTourSpec spec = new ClusterTourSpec();
    spec.language = language;
    tour.setSpec(spec);
    ClusterTourStatus s = new ClusterTourStatus();
    s.state = state;
    s.stops = new ArrayList<>(RecordedStops.all());
    tour.setStatus(s);
    return tour;
  }

  private static String page(ClusterTourSpec.Language language, TourState state) throws Exception {
    String html = TourPage.render(recorded(language, state), Instant.parse("2026-12-02T02:00:00Z"));
    Path out = Path.of("target", "pages", "recorded-tour-" + language + ".html");
    Files.createDirectories(out.getParent());
    Files.writeString(out, html);
    return html;
  }

  private static List<Document> svgs(String html) throws Exception {
    List<Document> docs = new ArrayList<>();
    Matcher m = SVG.matcher(html);
    while (m.find()) {
      docs.add(
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8))));
    }
    return docs;
  }

  @Test
  void clusterActivityNamesTimelineRowsNotReceiveSequenceNumbers() throws Exception {
    // it printed "#127 → #150" under a timeline whose rows are #1 to #12
    String html = page(ClusterTourSpec.Language.en, TourState.Completed);
    for (io.clustertour.operator.api.StopStatus stop : RecordedStops.all()) {
      if (stop.activity == null || stop.activity.ms == null) {
        continue;
      }
      Integer first = row(stop, stop.activity.firstSeq);
      Integer last = row(stop, stop.activity.lastSeq);
      String shown =
          first == null || last == null
              ? "seq " + stop.activity.firstSeq + " → " + stop.activity.lastSeq
              : "#" + first + " → #" + last;
      assertTrue(html.contains(", " + shown + ")"), stop.name + ": " + shown);
    }
  }

  private static Integer row(io.clustertour.operator.api.StopStatus stop, Long seq) {
    return stop.timeline.stream()
        .filter(e -> seq.equals(e.seq))
        .map(e -> e.order)
        .findFirst()
        .orElse(null);
  }

  @Test
  void everyStopHasBothDiagramsAsWellFormedSvg() throws Exception {
    String html = page(ClusterTourSpec.Language.en, TourState.Diverged);
    assertEquals(2 * RecordedStops.all().size(), svgs(html).size());
  }

  @Test
  void everyArrowLinksToARowOfThePageAndHasATitle() throws Exception {
    String html = page(ClusterTourSpec.Language.en, TourState.Diverged);
    Set<String> ids = new HashSet<>();
    Matcher id = ID.matcher(html);
    while (id.find()) {
      assertTrue(ids.add(id.group(1)), "duplicate id " + id.group(1));
    }
    int arrows = 0;
    for (Document svg : svgs(html)) {
      NodeList links = svg.getElementsByTagName("a");
      for (int i = 0; i < links.getLength(); i++) {
        Element a = (Element) links.item(i);
        arrows++;
        String target = a.getAttribute("href").substring(1);
        assertTrue(ids.contains(target), "arrow " + a.getAttribute("id") + " links to " + target);
        assertFalse(a.getElementsByTagName("title").item(0).getTextContent().isBlank());
        String evidence = a.getAttribute("data-evidence");
        if (!evidence.isEmpty()) {
          assertTrue(ids.contains(evidence), "evidence row " + evidence);
        }
      }
    }
    assertTrue(arrows > 100, "arrows: " + arrows);
  }

  @Test
  void eachContradictedStepIsAMythArrowThatSaysWhatReallyHappens() throws Exception {
    String html = page(ClusterTourSpec.Language.en, TourState.Diverged);
    long contradicted =
        RecordedStops.all().stream()
            .flatMap(s -> s.flow.stream())
            .filter(f -> f.verdict == Verdict.Contradicted)
            .count();
    int myths = 0;
    for (Document svg : svgs(html)) {
      NodeList links = svg.getElementsByTagName("a");
      for (int i = 0; i < links.getLength(); i++) {
        Element a = (Element) links.item(i);
        if (a.getAttribute("class").contains("a-myth")) {
          myths++;
          assertTrue(a.getTextContent().contains("✗"), "not marked by colour alone");
          assertTrue(a.getTextContent().contains("Contradicted"));
        }
      }
    }
    assertEquals(contradicted, myths);
  }

  @Test
  void aRunningTourIsLiveAndTheScriptIsTheOperatorsOwn() throws Exception {
    String running = page(ClusterTourSpec.Language.ko, TourState.Running);
    assertTrue(running.contains("data-live=\"true\""));
    assertTrue(running.contains("<script src=\"/assets/tour.js\" defer></script>"));
    assertFalse(
        running
            .replaceAll("<title>[^<]*</title>|<span class=\"ev\">[^<]*</span>", "")
            .matches("(?s).*(src|href)=\"https?:.*"),
        "nothing loaded from elsewhere");
    assertTrue(running.contains("관측됨") || running.contains("노트에 그려진 흐름"));
    String done = page(ClusterTourSpec.Language.en, TourState.Completed);
    assertTrue(done.contains("data-live=\"false\""));
  }
}
