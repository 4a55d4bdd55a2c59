package dev.brio.api.session;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where workspace sessions are recorded so that they survive a restart: each session's {@link
 * SessionRecord} and its base snapshot (an opaque, self-checking encoding owned by the session
 * service). The store bundle implements it on {@code brio.db}; the session service only reads and
 * writes through it. Implementations are safe for concurrent use; every method is one atomic step.
 *
 * <p>Failures of the underlying store are {@link IOException}s naming the database and the session.
 */
public interface SessionLedger {

  /**
   * Records a session and its snapshot together, in one transaction.
   *
   * @return false, changing nothing, when a session with this id is already recorded
   */
  boolean add(SessionRecord record, byte[] snapshot) throws IOException;

  /** The session's record, if it is recorded. */
  Optional<SessionRecord> find(String id) throws IOException;

  /** The session's snapshot as {@link #add} stored it, if the session is recorded. */
  Optional<byte[]> snapshot(String id) throws IOException;

  /** Every recorded session, oldest first. */
  List<SessionRecord> records() throws IOException;

  /**
   * Every recorded session whose {@link SessionRecord#owner() owner} is {@code owner}, open or
   * finished, oldest first. Sessions nobody owns are never among them.
   */
  List<SessionRecord> ownedBy(String owner) throws IOException;

  /**
   * Marks an open session committed or aborted at {@code at}.
   *
   * @param state {@link SessionState#COMMITTED} or {@link SessionState#ABORTED}
   * @return false, changing nothing, when the session is not recorded or no longer open
   */
  boolean finish(String id, SessionState state, Instant at) throws IOException;

  /**
   * Forgets a session: its record and snapshot.
   *
   * @return false when it was not recorded
   */
  boolean delete(String id) throws IOException;
}
