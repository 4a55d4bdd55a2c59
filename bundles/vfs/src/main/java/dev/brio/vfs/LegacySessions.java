package dev.brio.vfs;

import dev.brio.api.session.SessionLedger;
import dev.brio.api.session.SessionRecord;
import dev.brio.api.session.SessionState;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Imports sessions that a Brio before the ledger kept as files beside their directories: {@code
 * <id>.session} (a properties record) and {@code <id>.snapshot} (the snapshot, in the same encoding
 * the ledger stores). Each is added to the ledger, then its files are removed, the record last: a
 * crash midway leaves the record file, and the next start, finding the id in the ledger, only
 * removes it.
 */
final class LegacySessions {

  private final SessionFiles files;
  private final SessionLedger ledger;

  LegacySessions(SessionFiles files, SessionLedger ledger) {
    this.files = files;
    this.ledger = ledger;
  }

  /**
   * Imports the session {@code id} whose record file exists.
   *
   * @throws IOException if the record or the snapshot an open session needs cannot be read, or the
   *     ledger refuses; its files then stay for the next start
   */
  void importRecorded(String id) throws IOException {
    if (ledger.find(id).isPresent()) {
      // An earlier start imported it and died while removing the files (the snapshot first).
      removeFiles(id);
      return;
    }
    SessionRecord record = read(files.legacyRecord(id));
    if (!record.id().equals(id)) {
      throw new IOException(
          files.legacyRecord(id) + " records session " + record.id() + ", not " + id);
    }
    byte[] snapshot;
    try {
      snapshot = Files.readAllBytes(files.legacySnapshot(id));
      Snapshot.decode(snapshot); // a damaged snapshot stays on disk, not in the ledger
    } catch (NoSuchFileException missing) {
      if (record.state() == SessionState.OPEN) {
        throw new IOException("open session " + id + " has no snapshot " + missing.getFile());
      }
      // Nothing reads a finished session's snapshot; it waits for retention with an empty one.
      snapshot = new Snapshot(new TreeMap<>()).encode();
    }
    ledger.add(record, snapshot);
    removeFiles(id);
  }

  /** Removes a snapshot file left without its record: that begin never completed. */
  void removeUnrecorded(String id) throws IOException {
    Files.deleteIfExists(files.legacySnapshot(id));
    Files.deleteIfExists(SessionFiles.temporary(files.legacySnapshot(id)));
  }

  private void removeFiles(String id) throws IOException {
    removeUnrecorded(id);
    Files.deleteIfExists(SessionFiles.temporary(files.legacyRecord(id)));
    Files.deleteIfExists(files.legacyRecord(id));
  }

  private SessionRecord read(Path file) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    try {
      String id = required(file, properties, "id");
      return new SessionRecord(
          id,
          required(file, properties, "base"),
          files.directory(id).toString(),
          Optional.empty(), // a Brio before the ledger did not record who began a session
          SessionState.valueOf(required(file, properties, "state")),
          Boolean.parseBoolean(properties.getProperty("trackTouched")),
          Instant.parse(required(file, properties, "createdAt")),
          Optional.ofNullable(properties.getProperty("finishedAt")).map(Instant::parse));
    } catch (RuntimeException malformed) {
      throw new IOException("malformed session record " + file + ": " + malformed, malformed);
    }
  }

  private static String required(Path file, Properties properties, String key) throws IOException {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IOException("session record " + file + " lacks " + key);
    }
    return value;
  }
}
