package io.clustertour.operator.web;

import io.clustertour.operator.api.Verdict;

/** User-visible words of the web view in English and Korean (spec.language). */
enum Label {
  ALL_TOURS("All tours", "전체 투어"),
  TOURS("ClusterTours", "클러스터 투어"),
  NO_TOURS(
      "No tours yet. Apply one, e.g. kubectl apply -f examples/",
      "아직 투어가 없습니다. 예: kubectl apply -f examples/"),
  NAME("Name", "이름"),
  STATE("State", "상태"),
  STOPS_DONE("Stops done", "완료한 정류장"),
  VERDICTS("Verdicts", "판정"),
  AGE("Age", "경과 시간"),
  SUMMARY("Summary", "요약"),
  CLUSTER("Cluster", "클러스터"),
  NODES("Nodes", "노드"),
  CONDITIONS("Conditions", "조건"),
  NO_STATUS(
      "No status yet: the operator has not reconciled this tour.",
      "아직 상태가 없습니다: 오퍼레이터가 이 투어를 아직 처리하지 않았습니다."),
  DOCUMENTED("Documented flow", "문서에 적힌 흐름"),
  OBSERVED("Observed timeline", "실제로 관찰된 타임라인"),
  NO_FLOW("No verdicts yet.", "아직 판정이 없습니다."),
  NO_TIMELINE("Nothing observed yet.", "아직 관찰된 것이 없습니다."),
  STEP("Step", "단계"),
  WHAT("What happened", "일어난 일"),
  CLAIM("Claim, verdict and evidence", "주장, 판정, 근거"),
  OFFSET("# · happened by", "# · 늦어도 이때까지"),
  EVIDENCE_FOR("evidence for", "근거로 쓰인 단계"),
  STARTED("started", "시작"),
  FINISHED("finished", "종료"),
  DROPPED("entries dropped by the cap", "상한 때문에 생략된 항목"),
  REPEATED("repeated events (count grew)", "반복된 이벤트 (count 증가)"),
  PLACEMENTS(
      "Pods and their nodes (the scheduler's Scheduled Event, then spec.nodeName)",
      "파드와 노드 (스케줄러의 Scheduled 이벤트, 그다음 spec.nodeName)"),
  LATENCIES("Latencies", "지연 시간"),
  CREATE_TO_SCHEDULED("create → scheduled", "생성 → 스케줄링"),
  SCHEDULED_TO_RUNNING("scheduled → running", "스케줄링 → 실행"),
  CREATE_TO_READY("create → ready", "생성 → Ready"),
  PRECISION("precision", "정밀도"),
  BY("by", "늦어도"),
  CONCURRENT("nothing proves this came after the row above", "윗줄보다 나중이라는 증거가 없습니다"),
  PODS("pod(s) created in the stop", "정류장에서 생성된 파드"),
  LATENCY_NOTE(
      "(cluster clocks: pod fields and the scheduler's eventTime; watch = the operator's receive"
          + " times, which include watch delivery)",
      "(클러스터 시계: 파드 필드와 스케줄러의 eventTime; watch = 오퍼레이터가 watch로 받은 시각, 전달 지연 포함)"),
  FIRST_POD("first pod", "첫 파드"),
  SLOWEST_POD("slowest pod", "가장 느린 파드"),
  WATCH("watch", "watch"),
  ACTIVITY("Cluster activity", "클러스터 활동"),
  WALL("wall time", "벽시계 시간"),
  WALL_NOTE(
      "startedAt→finishedAt, with the operator's waits and rechecks",
      "startedAt→finishedAt, 오퍼레이터의 대기와 재확인 포함"),
  DIAGRAM_DOCUMENTED("As the notes draw it", "노트에 그려진 흐름"),
  DIAGRAM_OBSERVED("What the cluster did", "클러스터가 실제로 한 일"),
  DIAGRAM_HINT(
      "Each arrow is a link: select it to read its claim or its evidence.",
      "화살표마다 링크입니다: 선택하면 주장이나 근거를 읽을 수 있습니다."),
  POD("Pod", "파드"),
  ALL_PODS("all pods", "모든 파드"),
  TABLES("Every step and every observed entry", "모든 단계와 관찰된 모든 항목"),
  SHOW_ROW("show the row", "해당 줄 보기"),
  WHAT_HAPPENED("what really happened", "실제로 일어난 일"),
  CLOSE("close", "닫기"),
  LEGEND_DIRECT("request or call, audited or traced", "감사 로그·트레이스로 본 요청·호출"),
  LEGEND_WATCH("write seen by the tour's watch", "투어의 watch로 본 쓰기"),
  LEGEND_EVENT("Event posted by the component", "컴포넌트가 올린 이벤트"),
  LEGEND_CONFIRMED("✓ documented and observed", "✓ 문서대로 관측됨"),
  LEGEND_MYTH("✗ drawn in the notes, never happens", "✗ 노트에는 있지만 일어나지 않음"),
  LEGEND_UNSEEN("? cannot be seen on this cluster", "? 이 클러스터에서는 관측 불가"),
  LEGEND_OPEN("not seen (yet)", "(아직) 보이지 않음"),
  LIVE("live: this page follows the tour", "실시간: 이 페이지는 투어를 따라 갱신됩니다"),
  V_OBSERVED("Observed", "관측됨"),
  V_MISSING("Missing", "누락"),
  V_NOT_REACHED("NotReached", "도달하지 않음"),
  V_OUT_OF_ORDER("OutOfOrder", "순서 다름"),
  V_CONTRADICTED("Contradicted", "사실과 다름"),
  V_NOT_OBSERVABLE("NotObservable", "관측 불가");

  private final String en;
  private final String ko;

  Label(String en, String ko) {
    this.en = en;
    this.ko = ko;
  }

  String in(boolean korean) {
    return korean ? ko : en;
  }

  /** The badge text of a verdict; every verdict has one (the switch is exhaustive). */
  static String verdict(Verdict verdict, boolean korean) {
    if (verdict == null) {
      return "";
    }
    Label label =
        switch (verdict) {
          case Observed -> V_OBSERVED;
          case Missing -> V_MISSING;
          case NotReached -> V_NOT_REACHED;
          case OutOfOrder -> V_OUT_OF_ORDER;
          case Contradicted -> V_CONTRADICTED;
          case NotObservable -> V_NOT_OBSERVABLE;
        };
    return label.in(korean);
  }
}
