package io.clustertour.operator.web;

import static io.clustertour.operator.web.Html.esc;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.TourState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The index page: every tour with what kubectl get ct shows, plus its one-line summary. */
final class TourListPage {
  private TourListPage() {}

  static String render(List<ClusterTour> tours, Instant now) {
    boolean refresh = tours.stream().anyMatch(t -> Page.unfinished(state(t)));
    StringBuilder b = Page.open("ClusterTours", false, refresh);
    b.append("<h1>").append(Label.TOURS.in(false)).append("</h1>");
    if (tours.isEmpty()) {
      b.append("<p>").append(esc(Label.NO_TOURS.in(false))).append("</p>");
      return Page.close(b);
    }
    b.append("<table class=\"grid\"><thead><tr>");
    for (Label l :
        List.of(
            Label.NAME, Label.STATE, Label.STOPS_DONE, Label.VERDICTS, Label.AGE, Label.SUMMARY)) {
      b.append("<th>").append(l.in(false)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    tours.stream()
        .sorted(
            Comparator.comparing(
                TourListPage::name, Comparator.nullsFirst(Comparator.naturalOrder())))
        .forEach(t -> row(b, t, now));
    b.append("</tbody></table>");
    return Page.close(b);
  }

  private static void row(StringBuilder b, ClusterTour tour, Instant now) {
    ClusterTourStatus s = tour.getStatus();
    b.append("<tr><td><a href=\"")
        .append(Html.tourHref(name(tour)))
        .append("\">")
        .append(esc(name(tour)))
        .append("</a></td><td>")
        .append(Page.stateBadge(state(tour)))
        .append("</td><td>")
        .append(esc(s == null ? "" : s.stopsDone))
        .append("</td><td>")
        .append(esc(s == null ? "" : s.verdictSummary))
        .append("</td><td>")
        .append(esc(Html.age(tour.getMetadata().getCreationTimestamp(), now)))
        .append("</td><td>")
        .append(esc(s == null ? "" : s.summary))
        .append("</td></tr>");
  }

  private static String name(ClusterTour tour) {
    return tour.getMetadata().getName();
  }

  private static TourState state(ClusterTour tour) {
    return tour.getStatus() == null ? null : tour.getStatus().state;
  }
}
