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
