package io.clustertour.operator.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The version of the jar, from its manifest's Implementation-Version; "dev" when run from classes.
 */
public final class Version implements IVersionProvider {
  public static String of() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"cluster-tour-operator " + of()};
  }
}
