package dev.brio.vfs;

import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What Brio keeps about one session besides its directory and snapshot, in {@code
 * <sessionsRoot>/<id>.session} (a properties file, replaced atomically).
 *
 * @param finishedAt when it was committed or aborted; drives the retention cleanup
 * @param trackTouched whether writers promised to report touched paths
 */
record SessionRecord(
    String id,
    Path base,
    SessionState state,
    Instant createdAt,
    Optional<Instant> finishedAt,
    boolean trackTouched) {

  SessionInfo info() {
    return new SessionInfo(id, base.toString(), state, createdAt);
  }

  SessionRecord finish(SessionState newState, Instant at) {
    return new SessionRecord(id, base, newState, createdAt, Optional.of(at), trackTouched);
  }

  void write(Path file) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("id", id);
    properties.setProperty("base", base.toString());
    properties.setProperty("state", state.name());
    properties.setProperty("createdAt", createdAt.toString());
    finishedAt.ifPresent(at -> properties.setProperty("finishedAt", at.toString()));
    properties.setProperty("trackTouched", Boolean.toString(trackTouched));
    StringWriter text = new StringWriter();
    properties.store(text, "Brio workspace session");
    DurableFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  static SessionRecord read(Path file) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    try {
      return new SessionRecord(
          required(properties, "id"),
          Path.of(required(properties, "base")),
          SessionState.valueOf(required(properties, "state")),
          Instant.parse(required(properties, "createdAt")),
          Optional.ofNullable(properties.getProperty("finishedAt")).map(Instant::parse),
          Boolean.parseBoolean(properties.getProperty("trackTouched")));
    } catch (RuntimeException malformed) {
      throw new IOException("malformed session record " + file, malformed);
    }
  }

  private static String required(Properties properties, String key) throws IOException {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IOException("session record lacks " + key);
    }
    return value;
  }
}
