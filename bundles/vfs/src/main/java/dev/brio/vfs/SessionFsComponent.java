package dev.brio.vfs;

import dev.brio.api.session.CommitResult;
import dev.brio.api.session.DiffMode;
import dev.brio.api.session.PathChange;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionFs;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionLedger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.util.FS;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Publishes {@link WorkspaceSessions} as the {@link SessionFs} service, keeping sessions in the
 * {@link SessionLedger} the store publishes ({@code brio.db}): the component starts only once that
 * service is there. Activation imports sessions an earlier version kept in files and recovers any
 * commit a crash interrupted before the service is visible; then, and again every hour, it aborts
 * open sessions past their maximum age and removes finished sessions past the retention period.
 */
@Component(
    configurationPid = SessionFsComponent.PID,
    service = SessionFs.class,
    immediate = true) // recovery must run at start, not on the first caller's time
@Designate(ocd = SessionFsConfig.class)
public final class SessionFsComponent implements SessionFs {

  static final String PID = "dev.brio.vfs";

  private static final System.Logger LOG = System.getLogger(SessionFsComponent.class.getName());

  private final WorkspaceSessions sessions;
  private final ScheduledExecutorService cleaner;

  @Activate
  public SessionFsComponent(
      SessionFsConfig config, @Reference(name = "ledger") SessionLedger ledger) throws IOException {
    // JGit would otherwise spend seconds measuring the file system's timestamp resolution on its
    // first use, synchronously.
    FS.FileStoreAttributes.setBackground(true);
    this.sessions = new WorkspaceSessions(settings(config, ledger));
    WorkspaceSessions.RecoveryReport recovered = sessions.recover();
    if (!recovered.rolledForward().isEmpty()
        || !recovered.rolledBack().isEmpty()
        || !recovered.imported().isEmpty()
        || !recovered.orphansRemoved().isEmpty()
        || !recovered.directoryMissing().isEmpty()) {
      LOG.log(System.Logger.Level.INFO, "workspace sessions recovered: {0}", recovered);
    }
    recovered
        .failed()
        .forEach(
            (id, failure) ->
                LOG.log(System.Logger.Level.ERROR, "cannot recover session " + id, failure));
    this.cleaner =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("brio-vfs-cleanup").factory());
    cleaner.scheduleWithFixedDelay(this::cleanup, 0, 1, TimeUnit.HOURS);
  }

  @Deactivate
  void deactivate() {
    cleaner.shutdownNow();
  }

  static VfsSettings settings(SessionFsConfig config, SessionLedger ledger) {
    List<Path> roots =
        Arrays.stream(config.allowedRoots()).filter(root -> !root.isBlank()).map(Path::of).toList();
    Path sessionsRoot =
        config.sessionsRoot().isBlank()
            ? VfsSettings.defaultSessionsRoot()
            : Path.of(config.sessionsRoot());
    Optional<String> branch =
        config.gitBranch().isBlank() ? Optional.empty() : Optional.of(config.gitBranch());
    return new VfsSettings(
        roots,
        sessionsRoot,
        Duration.ofHours(Math.max(0, config.retentionHours())),
        branch,
        ledger,
        Duration.ofHours(Math.max(0, config.openMaxAgeHours())));
  }

  private void cleanup() {
    try {
      WorkspaceSessions.OverAgeReport overAge = sessions.abortOverAge();
      Duration maxAge = sessions.settings().openMaxAge();
      for (WorkspaceSessions.AgedOut session : overAge.aborted()) {
        LOG.log(
            System.Logger.Level.WARNING,
            "aborted workspace session {0} of {1} on {2}: open for {3}, past the maximum age of {4};"
                + " its copy is discarded",
            session.id(),
            session.owner().orElse("no owner"),
            session.basePath(),
            session.age().truncatedTo(ChronoUnit.SECONDS),
            maxAge);
      }
      overAge
          .failed()
          .forEach(
              (id, failure) ->
                  LOG.log(
                      System.Logger.Level.WARNING,
                      "cannot abort workspace session " + id + " past its maximum age",
                      failure));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "aborting workspace sessions past their age failed", e);
    }
    try {
      sessions.cleanupFinished();
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "session cleanup failed", e);
    }
  }

  @Override
  public SessionInfo begin(String basePath, boolean trackTouched, Optional<String> owner)
      throws SessionException {
    return sessions.begin(basePath, trackTouched, owner);
  }

  @Override
  public Path directory(String id) throws SessionException {
    return sessions.directory(id);
  }

  @Override
  public void recordTouched(String id, String relativePath) throws SessionException {
    sessions.recordTouched(id, relativePath);
  }

  @Override
  public Set<String> touched(String id) throws SessionException {
    return sessions.touched(id);
  }

  @Override
  public List<PathChange> changes(String id, DiffMode mode) throws SessionException {
    return sessions.changes(id, mode);
  }

  @Override
  public CommitResult commit(String id, DiffMode mode) throws SessionException {
    return sessions.commit(id, mode);
  }

  @Override
  public void abort(String id) throws SessionException {
    sessions.abort(id);
  }

  @Override
  public List<SessionInfo> list() {
    return sessions.list();
  }

  @Override
  public List<SessionInfo> listOwnedBy(String owner) {
    return sessions.listOwnedBy(owner);
  }
}
