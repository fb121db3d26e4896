package io.debugsession.operator.lifecycle;

/** Reads back a word of one of the enums whose constant names are written to the API as they are. */
final class Vocabulary {

  private Vocabulary() {}

  /** The constant named {@code value}; null when absent or unknown (a status written by someone else). */
  static <E extends Enum<E>> E parse(Class<E> type, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
