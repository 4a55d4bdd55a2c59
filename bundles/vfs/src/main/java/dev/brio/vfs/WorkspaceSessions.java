package dev.brio.vfs;

import dev.brio.api.session.CommitResult;
import dev.brio.api.session.DiffMode;
import dev.brio.api.session.EntryType;
import dev.brio.api.session.PathChange;
import dev.brio.api.session.SessionError;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionFs;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * Workspace sessions on plain Java (no OSGi): copies, snapshots, diffs, journaled commits, recovery
 * and retention. Everything a restart needs is on disk under the sessions root; what lives only in
 * memory is the touched-path sets, and a session that lost its set to a restart falls back to a
 * full rescan.
 */
public final class WorkspaceSessions implements SessionFs {

  private static final Pattern SESSION_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final VfsSettings settings;
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
  public SessionInfo begin(String basePath, boolean trackTouched) throws SessionException {
    Path base = allowedBase(basePath);
    String id = UUID.randomUUID().toString();
    Path directory = files.directory(id);
    LiveSession session = new LiveSession(true);
    // No commit into this base while it is copied: the snapshot must be one consistent state.
    try (BaseLocks.Held _ = baseLocks.lock(base)) {
      Snapshot snapshot = copier.copy(base, directory, session.cloneStats);
      snapshot.write(files.snapshot(id));
      session.snapshot = snapshot;
      SessionRecord record =
          new SessionRecord(
              id, base, SessionState.OPEN, clock.instant(), Optional.empty(), trackTouched);
      // The record is written last: a session exists once it is there, never half-copied.
      record.write(files.record(id));
      live.put(id, session);
      return record.info();
    } catch (IOException e) {
      discard(id);
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
    liveSession(openRecord(id)).touched.add(path);
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
      snapshot = Snapshot.read(files.snapshot(record.id()));
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
        Path root = change.after().isPresent() ? files.directory(record.id()) : record.base();
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
      try (BaseLocks.Held _ = baseLocks.lock(record.base())) {
        return commitLocked(record, mode);
      }
    } finally {
      session.lock.unlock();
    }
  }

  private CommitResult commitLocked(SessionRecord record, DiffMode mode) throws SessionException {
    String id = record.id();
    Path base = record.base();
    List<Change> changes;
    List<PathChange> report;
    try {
      // A commit of this session that failed after its journal (say, a permission error midway)
      // is finished first; if that completes it, the session is no longer open.
      if (committer.recover(id) == Committer.Recovery.ROLLED_FORWARD) {
        record.finish(SessionState.COMMITTED, clock.instant()).write(files.record(id));
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
      record.finish(SessionState.COMMITTED, clock.instant()).write(files.record(id));
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
      try (BaseLocks.Held _ = baseLocks.lock(record.base())) {
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
      throw io(record.base(), e);
    }
    try {
      if (recovery == Committer.Recovery.ROLLED_FORWARD) {
        record.finish(SessionState.COMMITTED, clock.instant()).write(files.record(id));
        committer.finish(id);
        live.remove(id);
        throw new SessionException(
            new SessionError.UnknownSession(id),
            "not aborted: an earlier commit of this session had passed its commit point (its"
                + " journal was written) and has now been completed; the session is committed",
            null);
      }
      record.finish(SessionState.ABORTED, clock.instant()).write(files.record(id));
      live.remove(id);
    } catch (IOException e) {
      throw io(files.record(id), e);
    }
  }

  @Override
  public List<SessionInfo> list() {
    return records().stream()
        .sorted(Comparator.comparing(SessionRecord::createdAt))
        .map(SessionRecord::info)
        .toList();
  }

  /**
   * Removes committed and aborted sessions that finished more than the retention period ago:
   * directory, snapshot, record (last, so a crash midway leaves a session that is cleaned again).
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

  /** What {@link #recover()} found and did. */
  public record RecoveryReport(
      List<String> rolledForward,
      List<String> rolledBack,
      List<String> orphansRemoved,
      Map<String, IOException> failed) {}

  /**
   * Finishes what a crash interrupted: commits with a complete journal are rolled forward (and the
   * session recorded as committed), staging without one is rolled back (the session stays open),
   * and session directories whose begin never completed are removed. Run it before serving.
   */
  public RecoveryReport recover() {
    List<String> forward = new ArrayList<>();
    List<String> back = new ArrayList<>();
    List<String> orphans = new ArrayList<>();
    Map<String, IOException> failed = new TreeMap<>();
    for (String id :
        idsWith(SessionFiles.JOURNAL, SessionFiles.JOURNAL_DONE, SessionFiles.STAGING)) {
      // One session whose base is gone or unwritable must not keep the others from recovering;
      // its journal stays, and the next start (or its next commit) tries again.
      try {
        switch (committer.recover(id)) {
          case ROLLED_FORWARD -> {
            SessionRecord record = SessionRecord.read(files.record(id));
            if (record.state() == SessionState.OPEN) {
              record.finish(SessionState.COMMITTED, clock.instant()).write(files.record(id));
            }
            committer.finish(id);
            live.remove(id);
            forward.add(id);
          }
          case ROLLED_BACK -> back.add(id);
          case NOTHING -> {}
        }
      } catch (IOException e) {
        failed.put(id, e);
      }
    }
    for (String id : idsWith("")) {
      if (Files.isDirectory(files.directory(id)) && !Files.exists(files.record(id))) {
        discard(id);
        orphans.add(id);
      }
    }
    return new RecoveryReport(forward, back, orphans, failed);
  }

  // ---- helpers

  private SessionRecord openRecord(String id) throws SessionException {
    if (id == null || !SESSION_ID.matcher(id).matches()) {
      throw new SessionException(new SessionError.UnknownSession(String.valueOf(id)));
    }
    try {
      SessionRecord record = SessionRecord.read(files.record(id));
      if (record.state() != SessionState.OPEN) {
        throw new SessionException(new SessionError.UnknownSession(id));
      }
      return record;
    } catch (NoSuchFileException missing) {
      throw new SessionException(new SessionError.UnknownSession(id));
    } catch (IOException e) {
      throw io(files.record(id), e);
    }
  }

  private LiveSession liveSession(SessionRecord record) {
    // A session begun before a restart: its touched set is lost, so it is diffed in full.
    return live.computeIfAbsent(record.id(), id -> new LiveSession(false));
  }

  private List<SessionRecord> records() {
    List<SessionRecord> records = new ArrayList<>();
    for (String id : idsWith(SessionFiles.RECORD)) {
      try {
        records.add(SessionRecord.read(files.record(id)));
      } catch (IOException unreadable) {
        // A record being replaced or damaged: not listed, and not cleaned up by guesswork.
      }
    }
    return records;
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
   * staged files in the base, staging intent, journal) and its own files, the record last.
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
      Files.deleteIfExists(files.snapshot(id));
      Files.deleteIfExists(files.record(id));
    } catch (IOException ignored) {
      // Best effort: the next cleanup tries again.
    }
  }

  private static SessionException io(Path path, IOException cause) {
    return new SessionException(new SessionError.Io(path.toString()), cause.toString(), cause);
  }
}
