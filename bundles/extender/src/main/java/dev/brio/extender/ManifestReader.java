package dev.brio.extender;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brio.api.mesh.Caller;
import dev.brio.extender.roles.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a component's manifest, refusing anything it does not understand: an unknown field, a value
 * of the wrong kind or out of range, a pool for a stateful role. Every refusal names the file and
 * the field, so an operator can fix it without guessing.
 *
 * <pre>{@code
 * {"role": "tool", "target": "upper", "grants": ["search"], "pool": 4,
 *  "timeoutMs": 5000, "mailbox": 64}
 * }</pre>
 *
 * Only {@code role} is required; {@code target} defaults to the file's name, {@code grants} to
 * none, {@code pool} to 1, {@code timeoutMs} to 30 s and {@code mailbox} to 64.
 */
public final class ManifestReader {
  static final int MAX_POOL = 64;
  static final int MAX_MAILBOX = 65_536;
  static final long MAX_TIMEOUT_MS = 3_600_000;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  static final int DEFAULT_MAILBOX = 64;

  /** Target names as the CLI and other components type them. */
  static final Pattern TARGET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private static final Set<String> FIELDS =
      Set.of("role", "target", "grants", "pool", "timeoutMs", "mailbox");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestReader() {}

  /**
   * Reads {@code text}, the manifest of the component named {@code defaultTarget}, from {@code
   * file} (for messages only).
   */
  public static ComponentManifest read(Path file, String text, String defaultTarget)
      throws ManifestException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new ManifestException(file, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (!(root instanceof ObjectNode object)) {
      throw new ManifestException(file, "", "must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        throw new ManifestException(
            file,
            field.getKey(),
            "unknown field (known: " + FIELDS.stream().sorted().toList() + ")");
      }
    }
    Role role = role(file, object.get("role"));
    String target = target(file, object.get("target"), defaultTarget);
    int pool = (int) integer(file, object, "pool", 1, 1, MAX_POOL);
    if (pool > 1 && role != Role.TOOL) {
      throw new ManifestException(
          file, "pool", "a " + role.worldName() + " is stateful and has one instance, not " + pool);
    }
    long timeoutMs =
        integer(file, object, "timeoutMs", DEFAULT_TIMEOUT.toMillis(), 1, MAX_TIMEOUT_MS);
    int mailbox = (int) integer(file, object, "mailbox", DEFAULT_MAILBOX, 1, MAX_MAILBOX);
    return new ComponentManifest(
        role,
        target,
        grants(file, object.get("grants")),
        pool,
        Duration.ofMillis(timeoutMs),
        mailbox);
  }

  private static Role role(Path file, JsonNode node) throws ManifestException {
    if (node == null) {
      throw new ManifestException(file, "role", "missing (one of tool, agent, supervisor)");
    }
    if (node.isTextual()) {
      for (Role role : Role.values()) {
        if (role.worldName().equals(node.textValue())) {
          return role;
        }
      }
    }
    throw new ManifestException(
        file, "role", node + " is not one of \"tool\", \"agent\", \"supervisor\"");
  }

  private static String target(Path file, JsonNode node, String fallback) throws ManifestException {
    String name = node == null ? fallback.toLowerCase(Locale.ROOT) : null;
    if (node != null) {
      if (!node.isTextual()) {
        throw new ManifestException(file, "target", node + " is not a string");
      }
      name = node.textValue();
    }
    if (!TARGET_NAME.matcher(name).matches()) {
      throw new ManifestException(
          file,
          "target",
          "\"%s\"%s is not a target name (%s)"
              .formatted(
                  name, node == null ? ", from the file's name," : "", TARGET_NAME.pattern()));
    }
    return name;
  }

  private static Set<String> grants(Path file, JsonNode node) throws ManifestException {
    if (node == null) {
      return Set.of();
    }
    if (!node.isArray()) {
      throw new ManifestException(file, "grants", node + " is not an array of target names");
    }
    Set<String> grants = new LinkedHashSet<>();
    for (JsonNode item : node) {
      if (item.isTextual() && item.textValue().equals(Caller.ANY_TARGET)) {
        throw new ManifestException(
            file, "grants", "\"*\" is for the kernel only: list the targets by name");
      }
      if (!item.isTextual() || !TARGET_NAME.matcher(item.textValue()).matches()) {
        throw new ManifestException(file, "grants", item + " is not a target name");
      }
      grants.add(item.textValue());
    }
    return grants;
  }

  private static long integer(
      Path file, ObjectNode object, String field, long fallback, long min, long max)
      throws ManifestException {
    JsonNode node = object.get(field);
    if (node == null) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new ManifestException(file, field, node + " is not an integer");
    }
    long value = node.longValue();
    if (value < min || value > max) {
      throw new ManifestException(
          file, field, "%d is out of range [%d, %d]".formatted(value, min, max));
    }
    return value;
  }
}
