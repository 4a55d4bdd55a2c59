package dev.brio.vfs;

import dev.brio.api.session.CommitResult;
import dev.brio.api.session.DiffMode;
import dev.brio.api.session.EntryType;
import dev.brio.api.session.PathChange;
import dev.brio.api.session.SessionError;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionFs;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionLedger;
import dev.brio.api.session.SessionRecord;
import dev.brio.api.session.SessionState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Workspace sessions on plain Java (no OSGi): copies, snapshots, diffs, journaled commits,
 * recovery, retention, and the maximum age of open sessions. Everything a restart needs survives
 * it: each session's record and base snapshot in the {@link SessionLedger} ({@code brio.db}), its
 * directory and, while a commit runs, its fsynced journal under the sessions root. What lives only
 * in memory is the touched-path sets, and a session that lost its set to a restart falls back to a
 * full rescan.
 */
public final class WorkspaceSessions implements SessionFs {

  private static final Pattern SESSION_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final VfsSettings settings;
  private final SessionLedger ledger;
  private final SessionFiles files;
  private final List<Path> allowedRoots;
  private final FileCloner cloner = new FileCloner();
  private final TreeCopier copier = new TreeCopier(cloner);
  private final Committer committer;
  private final InstantSource clock;
  private final ConcurrentMap<String, LiveSession> live = new ConcurrentHashMap<>();
  private final BaseLocks baseLocks = new BaseLocks();

  /** In-memory state of a session this process has seen: its lock and its touched paths. */
  private static final class LiveSession {
    final ReentrantLock lock = new ReentrantLock();
    final Set<String> touched = ConcurrentHashMap.newKeySet();

    /** False when the session began before a restart: its touched set is incomplete. */
    final boolean touchedComplete;

    volatile CloneStats cloneStats = new CloneStats();

    /** The snapshot, kept after the first read: it never changes while the session is open. */
    volatile Snapshot snapshot;

    LiveSession(boolean touchedComplete) {
      this.touchedComplete = touchedComplete;
    }
  }

  public WorkspaceSessions(VfsSettings settings, CommitSteps steps, InstantSource clock)
      throws IOException {
    this.settings = settings;
    this.ledger = settings.ledger();
    Files.createDirectories(settings.sessionsRoot());
    this.files = new SessionFiles(settings.sessionsRoot().toRealPath());
    List<Path> roots = new ArrayList<>();
    for (Path root : settings.allowedRoots()) {
      try {
        roots.add(root.toRealPath());
      } catch (NoSuchFileException missing) {
        // A root that does not exist (yet) allows nothing; it is not an error to configure it.
      }
    }
    this.allowedRoots = List.copyOf(roots);
    this.committer = new Committer(files, cloner, steps);
    this.clock = clock;
  }

  /** With the crash hook of {@link CommitSteps#fromSystemProperty()} and the system clock. */
  public WorkspaceSessions(VfsSettings settings) throws IOException {
    this(settings, CommitSteps.fromSystemProperty(), InstantSource.system());
  }

  public VfsSettings settings() {
    return settings;
  }

  // ---- begin

  @Override
  public SessionInfo begin(String basePath, boolean trackTouched, Optional<String> owner)
      throws SessionException {
    Objects.requireNonNull(owner, "owner");
    if (owner.isPresent() && owner.get().isBlank()) {
      throw new IllegalArgumentException("a blank owner name for a session of " + basePath);
    }
    Path base = allowedBase(basePath);
    String id = UUID.randomUUID().toString();
    Path directory = files.directory(id);
    LiveSession session = new LiveSession(true);
    // No commit into this base while it is copied: the snapshot must be one consistent state.
    try (BaseLocks.Held _ = baseLocks.lock(base)) {
      Snapshot snapshot = copier.copy(base, directory, session.cloneStats);
      SessionRecord record =
          new SessionRecord(
              id,
              base.toString(),
              directory.toString(),
              owner,
              SessionState.OPEN,
              trackTouched,
              // the ledger keeps milliseconds: what begin returns is what list reports later
              clock.instant().truncatedTo(ChronoUnit.MILLIS),
              Optional.empty());
      // Record and snapshot go in last, in one transaction: a session exists once its row is
      // there, never half-copied (recovery removes a directory without a row).
      if (!ledger.add(record, snapshot.encode())) {
        throw new IOException("session id " + id + " is already recorded");
      }
      session.snapshot = snapshot;
      live.put(id, session);
      return record.info();
    } catch (IOException e) {
      try {
        Committer.deleteTree(directory);
      } catch (IOException ignored) {
        // A directory without a row is removed by the next recovery.
      }
      throw io(base, e);
    }
  }

  private Path allowedBase(String basePath) throws SessionException {
    Path base;
    try {
      base = Path.of(basePath).toRealPath();
    } catch (IOException | RuntimeException e) {
      throw new SessionException(new SessionError.Io(basePath), "cannot resolve the base", e);
    }
    if (allowedRoots.stream().noneMatch(base::startsWith)) {
      throw new SessionException(new SessionError.OutsideRoots(base.toString()));
    }
    if (!Files.isDirectory(base)) {
      throw new SessionException(new SessionError.Io(basePath), "not a directory", null);
    }
    if (files.root().startsWith(base) || base.startsWith(files.root())) {
      throw new SessionException(
          new SessionError.OutsideRoots(base.toString()),
          "the base and the sessions root must not contain each other",
          null);
    }
    return base;
  }

  /** How the files of a session begun by this process were copied. */
  public CloneStats cloneStats(String id) throws SessionException {
    return liveSession(openRecord(id)).cloneStats;
  }

  // ---- looking at a session

  @Override
  public Path directory(String id) throws SessionException {
    openRecord(id);
    return files.directory(id);
  }

  @Override
  public void recordTouched(String id, String relativePath) throws SessionException {
    String path =
        RelativePaths.normalize(relativePath)
            .orElseThrow(
                () ->
                    new SessionException(
                        new SessionError.Io(relativePath), "not a path inside the session", null));
    // The hot path of every write: a session this process holds open needs no ledger read. One
    // that has just finished may still take the path; nobody reads it any more.
    LiveSession session = id == null ? null : live.get(id);
    (session != null ? session : liveSession(openRecord(id))).touched.add(path);
  }

  @Override
  public Set<String> touched(String id) throws SessionException {
    return Set.copyOf(liveSession(openRecord(id)).touched);
  }

  @Override
  public List<PathChange> changes(String id, DiffMode mode) throws SessionException {
    SessionRecord record = openRecord(id);
    try {
      return report(record, diff(record, mode));
    } catch (IOException e) {
      throw io(files.directory(id), e);
    }
  }

  private Snapshot snapshot(SessionRecord record) throws IOException {
    LiveSession session = liveSession(record);
    Snapshot snapshot = session.snapshot;
    if (snapshot == null) {
      byte[] encoded =
          ledger
              .snapshot(record.id())
              .orElseThrow(() -> new IOException("session " + record.id() + " is not recorded"));
      snapshot = Snapshot.decode(encoded);
      session.snapshot = snapshot;
    }
    return snapshot;
  }

  private List<Change> diff(SessionRecord record, DiffMode mode) throws IOException {
    Snapshot snapshot = snapshot(record);
    Path directory = files.directory(record.id());
    LiveSession session = liveSession(record);
    if (mode == DiffMode.TOUCHED && record.trackTouched() && session.touchedComplete) {
      return SessionDiff.touched(directory, snapshot, Set.copyOf(session.touched));
    }
    return SessionDiff.fullRescan(directory, snapshot);
  }

  private List<PathChange> report(SessionRecord record, List<Change> changes) {
    List<PathChange> report = new ArrayList<>(changes.size());
    for (Change change : changes) {
      boolean binary = false;
      if (change.reportedType() == EntryType.FILE) {
        Path root = change.after().isPresent() ? files.directory(record.id()) : base(record);
        binary = Entries.looksBinary(root.resolve(change.path()));
      }
      report.add(new PathChange(change.path(), change.kind(), change.reportedType(), binary));
    }
    return report;
  }

  // ---- commit

  @Override
  public CommitResult commit(String id, DiffMode mode) throws SessionException {
    LiveSession session = liveSession(openRecord(id));
    session.lock.lock();
    try {
      SessionRecord record = openRecord(id); // again, under the lock: it may have just finished
      try (BaseLocks.Held _ = baseLocks.lock(base(record))) {
        return commitLocked(record, mode);
      }
    } finally {
      session.lock.unlock();
    }
  }

  private CommitResult commitLocked(SessionRecord record, DiffMode mode) throws SessionException {
    String id = record.id();
    Path base = base(record);
    List<Change> changes;
    List<PathChange> report;
    try {
      // A commit of this session that failed after its journal (say, a permission error midway)
      // is finished first; if that completes it, the session is no longer open.
      if (committer.recover(id) == Committer.Recovery.ROLLED_FORWARD) {
        ledger.finish(id, SessionState.COMMITTED, clock.instant());
        committer.finish(id);
        live.remove(id);
        throw new SessionException(
            new SessionError.UnknownSession(id), "an earlier commit was completed", null);
      }
      Snapshot snapshot = snapshot(record);
      changes = diff(record, mode);
      ConflictCheck check = ConflictCheck.run(base, snapshot, changes);
      if (!check.conflicts().isEmpty()) {
        throw new SessionException(new SessionError.Conflict(check.conflicts()));
      }
      report = report(record, changes);
      if (!changes.isEmpty()) {
        committer.apply(id, base, files.directory(id), CommitPlan.of(id, changes, check.current()));
      }
      // The journal is marked done before the ledger says committed, and the mark stays until the
      // session is discarded: if a crash or a power loss takes the ledger's update back, recovery
      // finds the mark and records the commit.
      ledger.finish(id, SessionState.COMMITTED, clock.instant());
      committer.finish(id);
    } catch (IOException e) {
      throw io(base, e);
    }
    live.remove(id);
    // Still under the base lock: commits into this base (or one overlapping it) are recorded on
    // the branch in the order they were applied to the files.
    Optional<String> gitCommit =
        settings.gitBranch().flatMap(branch -> GitRecorder.record(base, branch, id, changes));
    return new CommitResult(id, report, Renames.exact(changes), gitCommit);
  }

  // ---- abort, list, cleanup, recovery

  /**
   * Aborts an open session. A commit of it that failed after writing its journal had passed the
   * commit point: that commit is completed here and the abort is refused, as recovery would
   * complete it anyway. A commit that failed before its journal has its staged files removed from
   * the base, which stays as it was.
   */
  @Override
  public void abort(String id) throws SessionException {
    LiveSession session = liveSession(openRecord(id));
    session.lock.lock();
    try {
      SessionRecord record = openRecord(id); // again, under the lock: it may have just finished
      try (BaseLocks.Held _ = baseLocks.lock(base(record))) {
        abortLocked(record);
      }
    } finally {
      session.lock.unlock();
    }
  }

  private void abortLocked(SessionRecord record) throws SessionException {
    String id = record.id();
    Committer.Recovery recovery;
    try {
      recovery = committer.recover(id);
    } catch (IOException e) {
      // The journal stays and the session stays open: its commit can still only go forward.
      throw io(base(record), e);
    }
    try {
      if (recovery == Committer.Recovery.ROLLED_FORWARD) {
        ledger.finish(id, SessionState.COMMITTED, clock.instant());
        committer.finish(id);
        live.remove(id);
        throw new SessionException(
            new SessionError.UnknownSession(id),
            "not aborted: an earlier commit of this session had passed its commit point (its"
                + " journal was written) and has now been completed; the session is committed",
            null);
      }
      ledger.finish(id, SessionState.ABORTED, clock.instant());
      live.remove(id);
    } catch (IOException e) {
      throw io(files.directory(id), e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws UncheckedIOException if the ledger cannot be read (the interface declares no checked
   *     exception here)
   */
  @Override
  public List<SessionInfo> list() {
    try {
      return records().stream().map(SessionRecord::info).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list workspace sessions: " + e.getMessage(), e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws UncheckedIOException if the ledger cannot be read
   */
  @Override
  public List<SessionInfo> listOwnedBy(String owner) {
    try {
      return ledger.ownedBy(owner).stream().filter(this::ours).map(SessionRecord::info).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list the workspace sessions of " + owner + ": " + e.getMessage(), e);
    }
  }

  /**
   * An open session {@link #abortOverAge} aborted.
   *
   * @param age how long it had been open
   */
  public record AgedOut(String id, Optional<String> owner, String basePath, Duration age) {}

  /**
   * What {@link #abortOverAge} found and did.
   *
   * @param aborted open sessions past the maximum age, now recorded as aborted, their copy removed
   * @param busy sessions past it that a commit or an abort was working on, left alone: the commit
   *     ends them, or the next round looks at them again
   * @param failed per session id why it could not be aborted; it stays open for the next round
   */
  public record OverAgeReport(
      List<AgedOut> aborted, List<String> busy, Map<String, Exception> failed) {}

  /**
   * Aborts open sessions that began at least {@link VfsSettings#openMaxAge} ago (none when it is
   * zero): each is recorded as aborted and its copy removed at once; the row goes with the finished
   * sessions after the retention period. A session is aborted only under its own lock, the one a
   * commit holds throughout, taken without waiting: one a commit is in the middle of is skipped
   * (see {@link OverAgeReport#busy}), never aborted under it. Its base is not checked against the
   * allowed roots (the base may be gone, or the roots changed): the copy is all that is removed.
   */
  public OverAgeReport abortOverAge() throws IOException {
    List<AgedOut> aborted = new ArrayList<>();
    List<String> busy = new ArrayList<>();
    Map<String, Exception> failed = new TreeMap<>();
    Duration maxAge = settings.openMaxAge();
    if (maxAge.isZero()) {
      return new OverAgeReport(aborted, busy, failed);
    }
    Instant now = clock.instant();
    for (SessionRecord record : records()) {
      Duration age = Duration.between(record.createdAt(), now);
      if (record.state() != SessionState.OPEN || age.compareTo(maxAge) < 0) {
        continue;
      }
      LiveSession session = liveSession(record);
      if (!session.lock.tryLock()) {
        busy.add(record.id());
        continue;
      }
      try {
        // again, under the lock: a commit may have ended it since the list was read
        Optional<SessionRecord> current = ledger.find(record.id());
        if (current.isEmpty() || current.get().state() != SessionState.OPEN) {
          live.remove(record.id(), session);
          continue;
        }
        try (BaseLocks.Held _ = baseLocks.lock(base(current.get()))) {
          abortLocked(current.get());
        }
        discardCopy(record.id());
        aborted.add(new AgedOut(record.id(), record.owner(), record.basePath(), age));
      } catch (SessionException e) {
        // an earlier commit of it was completed instead: it is committed, not aborted
        if (!(e.error() instanceof SessionError.UnknownSession)) {
          failed.put(record.id(), e);
        }
      } catch (IOException e) {
        failed.put(record.id(), e);
      } finally {
        session.lock.unlock();
      }
    }
    return new OverAgeReport(aborted, busy, failed);
  }

  /** Removes an aborted session's directory; a failure leaves it for {@link #cleanupFinished}. */
  private void discardCopy(String id) {
    try {
      Committer.deleteTree(files.directory(id));
    } catch (IOException ignored) {
      // the row says aborted, so retention removes what is left
    }
  }

  /**
   * Removes committed and aborted sessions that finished more than the retention period ago: their
   * directory, then their row in the ledger (last, so a crash midway leaves a session that is
   * cleaned again).
   *
   * @return the ids removed
   */
  public List<String> cleanupFinished() throws IOException {
    List<String> removed = new ArrayList<>();
    for (SessionRecord record : records()) {
      boolean expired =
          record.state() != SessionState.OPEN
              && record
                  .finishedAt()
                  .map(at -> !at.plus(settings.retention()).isAfter(clock.instant()))
                  .orElse(false);
      if (expired) {
        discard(record.id());
        removed.add(record.id());
      }
    }
    return removed;
  }

  /**
   * What {@link #recover()} found and did.
   *
   * @param orphansRemoved session directories without a row in the ledger (a begin that never
   *     completed), removed
   * @param failed per session id (or {@code brio.db} when the ledger could not be read) what could
   *     not be recovered; it is left as it is for the next start
   * @param imported sessions a version before the ledger kept as {@code <id>.session} and {@code
   *     <id>.snapshot} files, now in the ledger and their files removed
   * @param directoryMissing open sessions whose directory has vanished, recorded as aborted so that
   *     retention removes them
   */
  public record RecoveryReport(
      List<String> rolledForward,
      List<String> rolledBack,
      List<String> orphansRemoved,
      Map<String, IOException> failed,
      List<String> imported,
      List<String> directoryMissing) {}

  /**
   * Brings the sessions root and the ledger back in step before serving: imports sessions kept as
   * files by an earlier version; finishes what a crash interrupted (commits with a complete journal
   * are rolled forward and the session recorded as committed, staging without one is rolled back
   * and the session stays open); removes session directories whose begin never completed; and
   * records open sessions whose directory vanished as aborted. A session that cannot be brought
   * back is reported in {@link RecoveryReport#failed} and left alone; recovery never throws.
   */
  public RecoveryReport recover() {
    Map<String, IOException> failed = new TreeMap<>();
    List<String> imported = importLegacyFiles(failed);
    List<String> forward = new ArrayList<>();
    List<String> back = new ArrayList<>();
    for (String id :
        idsWith(SessionFiles.JOURNAL, SessionFiles.JOURNAL_DONE, SessionFiles.STAGING)) {
      // One session whose base is gone or unwritable must not keep the others from recovering;
      // its journal stays, and the next start (or its next commit) tries again.
      try {
        switch (committer.recover(id)) {
          case ROLLED_FORWARD -> {
            // false for a commit finished before (its done marker stays until the session is
            // discarded): only a commit the ledger did not record yet is news
            if (ledger.finish(id, SessionState.COMMITTED, clock.instant())) {
              forward.add(id);
            }
            committer.finish(id);
            live.remove(id);
          }
          case ROLLED_BACK -> back.add(id);
          case NOTHING -> {}
        }
      } catch (IOException e) {
        failed.put(id, e);
      }
    }
    List<String> orphans = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<SessionRecord> records;
    try {
      records = ledger.records();
    } catch (IOException e) {
      // Without the ledger nothing can tell a session from an orphan: remove nothing.
      failed.put(LEDGER, e);
      return new RecoveryReport(forward, back, orphans, failed, imported, missing);
    }
    Set<String> recorded = new HashSet<>();
    for (SessionRecord record : records) {
      recorded.add(record.id());
      boolean pending = failed.containsKey(record.id()) || Files.exists(files.journal(record.id()));
      if (ours(record)
          && record.state() == SessionState.OPEN
          && !pending
          && !Files.isDirectory(files.directory(record.id()))) {
        try {
          ledger.finish(record.id(), SessionState.ABORTED, clock.instant());
          live.remove(record.id());
          missing.add(record.id());
        } catch (IOException e) {
          failed.put(record.id(), e);
        }
      }
    }
    for (String id : idsWith("")) {
      if (Files.isDirectory(files.directory(id))
          && !recorded.contains(id)
          && !failed.containsKey(id)) {
        discard(id);
        orphans.add(id);
      }
    }
    return new RecoveryReport(forward, back, orphans, failed, imported, missing);
  }

  /** The key of {@link RecoveryReport#failed} for a ledger that could not be read at all. */
  public static final String LEDGER = "brio.db";

  /** Imports every {@code <id>.session} (with its snapshot) into the ledger, once. */
  private List<String> importLegacyFiles(Map<String, IOException> failed) {
    LegacySessions legacy = new LegacySessions(files, ledger);
    List<String> imported = new ArrayList<>();
    for (String id : idsWith(SessionFiles.LEGACY_RECORD)) {
      try {
        legacy.importRecorded(id);
        imported.add(id);
      } catch (IOException e) {
        failed.put(id, e);
      }
    }
    for (String id : idsWith(SessionFiles.LEGACY_SNAPSHOT)) {
      if (!Files.exists(files.legacyRecord(id))) {
        try {
          legacy.removeUnrecorded(id);
        } catch (IOException e) {
          failed.put(id, e);
        }
      }
    }
    return imported;
  }

  // ---- helpers

  private SessionRecord openRecord(String id) throws SessionException {
    if (id == null || !SESSION_ID.matcher(id).matches()) {
      throw new SessionException(new SessionError.UnknownSession(String.valueOf(id)));
    }
    Optional<SessionRecord> found;
    try {
      found = ledger.find(id);
    } catch (IOException e) {
      throw io(files.directory(id), e);
    }
    // A row of another sessions root (the configuration changed) is not this service's session.
    if (found.isEmpty() || found.get().state() != SessionState.OPEN || !ours(found.get())) {
      throw new SessionException(new SessionError.UnknownSession(id));
    }
    // The row lives in brio.db, which the supervisor's sql-state can write: its base is checked
    // again, so that a changed row cannot aim a commit outside the allowed roots.
    // begin recorded the real path, so anything else (a '..', a symlink) is a changed row.
    Path base = base(found.get());
    boolean real;
    try {
      real = base.isAbsolute() && base.toRealPath().equals(base);
    } catch (IOException e) {
      throw io(base, e);
    }
    if (!real || allowedRoots.stream().noneMatch(base::startsWith)) {
      throw new SessionException(
          new SessionError.OutsideRoots(base.toString()),
          "session " + id + " is recorded with a base outside the allowed roots",
          null);
    }
    return found.get();
  }

  /** Whether the session lives under this service's sessions root. */
  private boolean ours(SessionRecord record) {
    return Path.of(record.directory()).equals(files.directory(record.id()));
  }

  private static Path base(SessionRecord record) {
    return Path.of(record.basePath());
  }

  private LiveSession liveSession(SessionRecord record) {
    // A session begun before a restart: its touched set is lost, so it is diffed in full.
    return live.computeIfAbsent(record.id(), id -> new LiveSession(false));
  }

  /** This sessions root's sessions, oldest first. */
  private List<SessionRecord> records() throws IOException {
    return ledger.records().stream().filter(this::ours).toList();
  }

  /** Session ids with a file {@code <id><suffix>} in the sessions root ("" for directories). */
  private List<String> idsWith(String... suffixes) {
    Set<String> ids = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(files.root())) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        for (String suffix : suffixes) {
          if (name.endsWith(suffix)) {
            String id = name.substring(0, name.length() - suffix.length());
            if (SESSION_ID.matcher(id).matches()) {
              ids.add(id);
            }
          }
        }
      }
    } catch (IOException unreadable) {
      return List.of();
    }
    return List.copyOf(ids);
  }

  /**
   * Removes everything of a session that is finished or never began: what a commit of it left (its
   * staged files in the base, staging intent, journal), its directory, and its row in the ledger
   * last.
   */
  private void discard(String id) {
    try {
      if (Files.exists(files.staging(id))) {
        Committer.rollBack(StagingIntent.read(files.staging(id)));
      }
      Files.deleteIfExists(files.journal(id));
      Files.deleteIfExists(SessionFiles.temporary(files.journal(id)));
      Files.deleteIfExists(files.journalDone(id));
      Files.deleteIfExists(files.staging(id));
      Files.deleteIfExists(SessionFiles.temporary(files.staging(id)));
      Committer.deleteTree(files.directory(id));
      ledger.delete(id);
    } catch (IOException ignored) {
      // Best effort: the next cleanup tries again.
    }
  }

  private static SessionException io(Path path, IOException cause) {
    return new SessionException(new SessionError.Io(path.toString()), cause.toString(), cause);
  }
}
