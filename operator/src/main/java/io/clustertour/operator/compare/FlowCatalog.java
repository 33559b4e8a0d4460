package io.clustertour.operator.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.Stop.StopType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The documented flows shipped in {@code flows/<StopType>.yaml}, loaded and validated once; a
 * broken file fails with a message naming the file and the step.
 */
public final class FlowCatalog {

  /** Claim ids of ../shared/CLAIMS.md that a step may cite. */
  public static final List<String> CLAIM_IDS =
      IntStream.rangeClosed(1, 25).mapToObj(i -> String.format("C%02d", i)).toList();

  private static final String DIR = "flows/";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Map<StopType, Flow> flows;

  private FlowCatalog(Map<StopType, Flow> flows) {
    this.flows = flows;
  }

  /** The shipped flows, loaded from the classpath on first use. */
  public static FlowCatalog shipped() {
    return Shipped.INSTANCE;
  }

  /** Lazy holder: the files are read once, the first time someone needs them. */
  private static final class Shipped {
    static final FlowCatalog INSTANCE = load(FlowCatalog.class.getClassLoader());
  }

  /** Loads and validates one file per stop type from {@code flows/} on the given class path. */
  public static FlowCatalog load(ClassLoader classLoader) {
    Map<StopType, Flow> flows = new EnumMap<>(StopType.class);
    Set<String> ids = new HashSet<>();
    for (StopType type : StopType.values()) {
      String name = DIR + type + ".yaml";
      try (InputStream in = classLoader.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException(name + ": flow file missing from the class path");
        }
        Flow flow = parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        if (!type.name().equals(flow.stopType())) {
          throw new IllegalStateException(
              name + ": stopType is '" + flow.stopType() + "', expected '" + type + "'");
        }
        for (FlowStep step : flow.steps()) {
          if (!ids.add(step.id())) {
            throw new IllegalStateException(
                name + ": step id '" + step.id() + "' is already used by another flow file");
          }
        }
        flows.put(type, flow);
      } catch (IOException e) {
        throw new IllegalStateException(name + ": cannot read: " + e.getMessage(), e);
      }
    }
    return new FlowCatalog(Map.copyOf(flows));
  }

  /**
   * Parses and validates one flow file; {@code name} is used in error messages.
   *
   * @throws IllegalStateException naming the file and step when the file is not a valid flow
   */
  public static Flow parse(String name, String yaml) {
    Flow flow;
    try {
      flow = YAML.readValue(yaml, Flow.class);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new IllegalStateException(
          name + ": not a valid flow file" + where + ": " + e.getOriginalMessage(), e);
    }
    if (flow == null) {
      throw new IllegalStateException(name + ": empty flow file");
    }
    FlowValidator.validate(name, flow, Set.copyOf(CLAIM_IDS));
    return flow;
  }

  /** The shipped flow of a stop type. */
  public Flow flow(StopType type) {
    return flows.get(type);
  }

  /** The learner's expectedFlow when the stop has one, otherwise the shipped flow of its type. */
  public Flow flowFor(Stop stop) {
    if (stop.expectedFlow != null && !stop.expectedFlow.isEmpty()) {
      return ExpectedFlow.from(String.valueOf(stop.type), stop.expectedFlow);
    }
    return flow(stop.type);
  }

  public Collection<Flow> flows() {
    return flows.values();
  }
}
