package io.clustertour.operator.web;

import static io.clustertour.operator.web.Html.esc;

import io.clustertour.operator.api.TourState;
import io.clustertour.operator.api.Verdict;

/** The shared page frame: one inline stylesheet and the operator's own script, nothing else. */
final class Page {
  private static final String CSS =
      """
      body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem;color:#1f2328;background:#fcfcfd}
      a{color:#0b5cad}h1{margin:.2rem 0}h2{margin-top:2rem;border-top:1px solid #d0d7de;\
      padding-top:1rem}h3{margin:.5rem 0}
      table{border-collapse:collapse}
      .grid td,.grid th{padding:.3rem .7rem;border-bottom:1px solid #d8dee4;text-align:left;\
      vertical-align:top}
      .state{display:inline-block;padding:0 .4rem;border-radius:3px;background:#eaeef2;\
      font-size:12px;font-weight:600}
      .st-Completed{background:#d1f4db}.st-Diverged{background:#ffe8b8}\
      .st-Failed,.st-TimedOut{background:#ffd8d3}.st-Running{background:#dbeafe}
      .badge{display:inline-block;padding:0 .35rem;border-radius:3px;font-size:12px;\
      font-weight:600;color:#fff;background:#57606a}
      .dot{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;background:#57606a;\
      border:2px solid #57606a;box-sizing:border-box}
      .dot.watch{background:#fff}
      .v-Observed{background:#1a7f37}.v-Missing{background:#6e7781}\
      .v-OutOfOrder{background:#9a6700}.v-Contradicted{background:#cf222e}\
      .v-NotObservable{background:#8250df}.v-NotReached{background:#afb8c1;color:#24292f}
      .dot[class*="v-"]{border-color:rgba(0,0,0,.2)}
      .muted,.ev{color:#57606a;font-size:12px}
      .pair{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
      .pair>div{flex:1 1 34rem;min-width:0}
      .seq{width:100%;table-layout:fixed}
      .seq th{font-size:12px;font-weight:600;text-align:left;vertical-align:bottom}
      .seq th.lane{height:8.5rem;width:1.8rem;padding:0}
      .seq th.lane span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
      .seq th.n{width:5.5rem}
      .seq td{vertical-align:top;padding:.3rem .4rem;border-bottom:1px solid #eaeef2;\
      overflow-wrap:anywhere}
      .seq td.lane{padding:.3rem 0;text-align:center;\
      background-image:linear-gradient(#c9d1d9,#c9d1d9);background-size:1px 100%;\
      background-repeat:no-repeat;background-position:center}
      .seq td.n{font:12px ui-monospace,monospace;white-space:nowrap}
      tr:target td{background-color:#fff8c5}
      figure{margin:0}.sdwrap{overflow-x:auto;border:1px solid #d0d7de;border-radius:6px;\
      background:#fff}
      .sd text{font:11px system-ui,sans-serif;fill:#1f2328}.sd .when{font:10px ui-monospace,\
      monospace;fill:#57606a}
      .sd .ll line{stroke:#c9d1d9;stroke-dasharray:3 3}.sd .ll text{font-weight:600}
      .sd .bracket path{fill:none;stroke:#8c959f}.sd .bracket text{fill:#57606a}
      .sd .gap path{stroke:#d0d7de;stroke-width:6;stroke-dasharray:2 4}.sd .gap text{fill:#57606a}
      .sd a.arrow line,.sd a.arrow rect{stroke-width:1.6;fill:#fff}.sd a.arrow text{stroke:none}\
      .sd a.arrow rect.hit{fill:transparent;stroke:none;pointer-events:all}\
      .sd a.arrow:hover rect.hit{fill:rgba(9,105,218,.06)}
      .sd a.arrow:focus{outline:none}.sd a.arrow:focus text,.sd a.arrow.sel text{font-weight:700}
      .sd a.arrow:focus line,.sd a.arrow.sel line{stroke-width:3}
      .sd a.arrow.dim{opacity:.15}
      .a-direct{stroke:#0b5cad}.a-watch{stroke:#57606a;stroke-dasharray:5 3}\
      .a-event{stroke:#9a6700;stroke-dasharray:1.5 3}.a-confirmed{stroke:#1a7f37}\
      .a-myth{stroke:#cf222e;stroke-dasharray:6 4}.a-unseen{stroke:#8250df;\
      stroke-dasharray:2 3}.a-open{stroke:#afb8c1;stroke-dasharray:4 4}
      .sd a.a-myth text{fill:#cf222e}.sd a.a-unseen text{fill:#8250df}
      .legend .li{margin-right:1rem;white-space:nowrap}.legend svg{margin-right:.3rem}
      .chip{white-space:nowrap;font-size:12px}.sw{display:inline-block;width:.7rem;height:.7rem;\
      border-radius:50%;margin-right:.2rem}
      .panel{border:1px solid #d4a72c;background:#fff8c5;border-radius:6px;padding:.2rem .8rem;\
      position:sticky;bottom:.5rem;z-index:1;box-shadow:0 2px 8px rgba(0,0,0,.15);max-height:40vh;\
      overflow:auto}.pclose{float:right;border:0;background:none;font-size:18px;cursor:pointer}
      .live{font-size:12px;color:#1a7f37}
      """;

  /** The page script: arrows open their evidence, live pages follow the tour. */
  static final String SCRIPT = "/assets/tour.js";

  private Page() {}

  /**
   * Opens a page. A live page (a tour still running) follows the tour through the script; without
   * scripts it reloads itself every few seconds.
   */
  static StringBuilder open(String title, boolean korean, boolean live) {
    StringBuilder b = new StringBuilder(16 * 1024);
    b.append("<!doctype html><html lang=\"")
        .append(korean ? "ko" : "en")
        .append("\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
    if (live) {
      b.append("<noscript><meta http-equiv=\"refresh\" content=\"5\"></noscript>");
    }
    b.append("<script src=\"").append(SCRIPT).append("\" defer></script>");
    b.append("<title>").append(esc(title)).append("</title><style>").append(CSS);
    return b.append("</style></head><body data-live=\"")
        .append(live)
        .append("\" data-label=\"")
        .append(esc(Label.LIVE.in(korean)))
        .append("\"><main>");
  }

  static String close(StringBuilder b) {
    return b.append("</main></body></html>").toString();
  }

  static String stateBadge(Enum<?> state) {
    if (state == null) {
      return "";
    }
    return "<span class=\"state st-" + state.name() + "\">" + esc(state) + "</span>";
  }

  static String verdictBadge(Verdict verdict, boolean korean) {
    return "<span class=\"badge v-"
        + cssToken(String.valueOf(verdict))
        + "\" title=\""
        + esc(verdict)
        + "\">"
        + esc(Label.verdict(verdict, korean))
        + "</span>";
  }

  /** Keeps only letters for class names so status text can never break out of an attribute. */
  static String cssToken(String s) {
    return s == null ? "" : s.replaceAll("[^A-Za-z]", "");
  }

  static boolean unfinished(TourState state) {
    return state == null || state == TourState.Pending || state == TourState.Running;
  }
}
