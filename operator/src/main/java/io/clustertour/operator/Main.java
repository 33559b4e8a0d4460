package io.clustertour.operator;

/** Entry point of the operator jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("ClusterTour operator");
  }
}
