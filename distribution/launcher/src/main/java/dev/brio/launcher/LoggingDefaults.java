package dev.brio.launcher;

import java.util.Map;

/**
 * Defaults for slf4j-simple, the logging provider inside the framework. It reads only system
 * properties, so they are set before Felix starts; a {@code -D} given on the command line wins.
 */
final class LoggingDefaults {
  private static final Map<String, String> DEFAULTS =
      Map.of(
          "org.slf4j.simpleLogger.defaultLogLevel", "info",
          "org.slf4j.simpleLogger.showDateTime", "true",
          "org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS",
          "org.slf4j.simpleLogger.showShortLogName", "true",
          "org.slf4j.simpleLogger.showThreadName", "false");

  private LoggingDefaults() {}

  static void apply() {
    DEFAULTS.forEach(
        (key, value) -> {
          if (System.getProperty(key) == null) {
            System.setProperty(key, value);
          }
        });
  }
}
