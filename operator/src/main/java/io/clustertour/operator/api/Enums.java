package io.clustertour.operator.api;

/** Reads status enums leniently: the status may have been written by another version. */
final class Enums {
  private Enums() {}

  static <E extends Enum<E>> E lenient(Class<E> type, String value, E fallback) {
    if (value == null) {
      return fallback;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(value)) {
        return e;
      }
    }
    return fallback;
  }
}
