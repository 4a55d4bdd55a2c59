package dev.brio.benchmarks;

import dev.brio.api.session.CommitResult;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import dev.brio.store.SqliteSessionLedger;
import dev.brio.store.SqliteStore;
import dev.brio.store.StoreOpenException;
import dev.brio.store.StoreSettings;
import dev.brio.vfs.VfsSettings;
import dev.brio.vfs.WorkspaceSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.util.FS;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workspace sessions on a generated tree ({@code files} files of 1 to 8 KiB in directories of 100,
 * deterministic text content), each against a baseline in the same run:
 *
 * <ul>
 *   <li>{@link #beginSession} (copy the tree into a fresh session directory and record its
 *       snapshot, hashing every file) against {@link #cpRecursive}, {@code cp -r} of the same tree
 *       started with {@link ProcessBuilder};
 *   <li>{@link #commitTenChanges} (a session begun with touched-path tracking, 10 files modified
 *       and recorded as touched, committed into the base) against {@link #gitStatus}, {@code git
 *       status --porcelain} on the same tree as a git work tree with the same 10 files modified.
 * </ul>
 *
 * Single-shot: each measured call works on fresh state. What the state needs per call (a fresh
 * session with 10 pending changes, the 10 edits in the git tree, removing copies and finished
 * sessions, then {@code sync} so no writeback from earlier calls is pending) happens in {@code
 * Level.Invocation} setup and teardown, which JMH does not time. Trees live under {@code
 * java.io.tmpdir} and are deleted at the end of the trial.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 10)
// The flags every Brio JVM gets on Java 25 (see the parent pom's brio.jvm.flags).
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class SessionBenchmark {

  /** How many files the commit changes, and git status has to report. */
  static final int CHANGED = 10;

  /** Files per directory of the generated tree. */
  static final int PER_DIRECTORY = 100;

  /** A project root with the generated base, for begin and for {@code cp -r}. */
  @State(Scope.Benchmark)
  public static class BeginState {
    @Param("10000")
    public int files;

    Path root;
    Path base;
    Path copy;
    SqliteStore store;
    WorkspaceSessions sessions;
    String sessionId;

    @Setup(Level.Trial)
    public void tree() throws IOException {
      root = Files.createTempDirectory("brio-bench-begin");
      base = root.resolve("projects/base");
      generateTree(base, files);
      copy = root.resolve("copies/base");
      Files.createDirectories(copy.getParent());
      store = openStore(root);
      sessions = newSessions(root, store);
    }

    /** Removes what the call made: the session (aborted, then cleaned up) or the copy. */
    @TearDown(Level.Invocation)
    public void cleanUp() throws IOException, SessionException, InterruptedException {
      if (sessionId != null) {
        sessions.abort(sessionId);
        sessions.cleanupFinished();
        sessionId = null;
      }
      if (Files.exists(copy)) {
        deleteTree(copy);
      }
      sync();
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
      store.close();
      deleteTree(root);
    }
  }

  /** A project root with the generated base, and a session with 10 pending changes per call. */
  @State(Scope.Benchmark)
  public static class CommitState {
    @Param("10000")
    public int files;

    Path root;
    Path base;
    SqliteStore store;
    WorkspaceSessions sessions;
    String sessionId;
    int round;

    @Setup(Level.Trial)
    public void tree() throws IOException {
      // The sessions code only uses JGit when asked to record git commits; keep JGit from timing
      // the file system in the foreground should it ever be loaded.
      FS.FileStoreAttributes.setBackground(true);
      root = Files.createTempDirectory("brio-bench-commit");
      base = root.resolve("projects/base");
      generateTree(base, files);
      store = openStore(root);
      sessions = newSessions(root, store);
    }

    /** Not timed: begin a tracked session, modify the 10 files in it and record them as touched. */
    @Setup(Level.Invocation)
    public void tenChanges() throws IOException, SessionException, InterruptedException {
      sessionId = sessions.begin(base.toString(), true).id();
      Path directory = sessions.directory(sessionId);
      round++;
      for (String path : changedPaths(files)) {
        Files.write(directory.resolve(path), content(path, round));
        sessions.recordTouched(sessionId, path);
      }
      sync();
    }

    /** Removes the committed session (or aborts it first, should the commit have failed). */
    @TearDown(Level.Invocation)
    public void cleanUp() throws IOException, SessionException {
      if (sessions.list().stream()
          .anyMatch(s -> s.id().equals(sessionId) && s.state() == SessionState.OPEN)) {
        sessions.abort(sessionId);
      }
      sessions.cleanupFinished();
      sessionId = null;
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
      store.close();
      deleteTree(root);
    }
  }

  /** The same generated tree as a git work tree, committed once; the 10 files modified per call. */
  @State(Scope.Benchmark)
  public static class GitState {
    @Param("10000")
    public int files;

    Path root;
    Path tree;
    int round;

    @Setup(Level.Trial)
    public void repository() throws IOException, InterruptedException {
      root = Files.createTempDirectory("brio-bench-git");
      tree = root.resolve("base");
      generateTree(tree, files);
      git(tree, "init", "-q");
      git(tree, "add", "-A");
      git(tree, "commit", "-q", "-m", "base");
      // Let the clock move past the files' mtimes, then have status refresh and write the index
      // once, so no entry stays racily clean (which would make git re-hash it on every call).
      Thread.sleep(1100);
      git(tree, "status", "--porcelain");
    }

    /** Not timed: the same 10 edits as the commit benchmark makes in its session. */
    @Setup(Level.Invocation)
    public void tenChanges() throws IOException, InterruptedException {
      round++;
      for (String path : changedPaths(files)) {
        Files.write(tree.resolve(path), content(path, round));
      }
      sync();
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
      deleteTree(root);
    }
  }

  @Benchmark
  public SessionInfo beginSession(BeginState state) throws SessionException {
    SessionInfo info = state.sessions.begin(state.base.toString());
    state.sessionId = info.id();
    return info;
  }

  @Benchmark
  public int cpRecursive(BeginState state) throws IOException, InterruptedException {
    Process cp =
        new ProcessBuilder("cp", "-r", state.base.toString(), state.copy.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    int status = cp.waitFor();
    if (status != 0) {
      throw new IOException("cp -r exited with " + status);
    }
    return status;
  }

  @Benchmark
  public CommitResult commitTenChanges(CommitState state) throws SessionException {
    return state.sessions.commit(state.sessionId);
  }

  @Benchmark
  public List<String> gitStatus(GitState state) throws IOException, InterruptedException {
    return git(state.tree, "status", "--porcelain").lines().toList();
  }

  // ---- the tree

  /**
   * Writes {@code files} files, {@value #PER_DIRECTORY} per directory ({@code d000/f000.txt}, ...),
   * each 1 to 8 KiB of text that depends only on its path.
   */
  static void generateTree(Path base, int files) throws IOException {
    for (int i = 0; i < files; i++) {
      String path = path(i / PER_DIRECTORY, i % PER_DIRECTORY);
      Path file = base.resolve(path);
      Files.createDirectories(file.getParent());
      Files.write(file, content(path, 0));
    }
  }

  static String path(int directory, int file) {
    return String.format("d%03d/f%03d.txt", directory, file);
  }

  /** The 10 files the commit and git status benchmarks modify, spread over the directories. */
  static List<String> changedPaths(int files) {
    int directories = Math.max(1, files / PER_DIRECTORY);
    int perDirectory = Math.min(files, PER_DIRECTORY);
    List<String> paths = new ArrayList<>(CHANGED);
    for (int i = 0; i < CHANGED; i++) {
      // 37 is prime to 100: the file numbers within one directory are all different.
      paths.add(path(i * directories / CHANGED, (i * 37 + 5) % perDirectory));
    }
    return paths;
  }

  /** 1 to 8 KiB of lowercase text lines, determined by the path and the round (0 = the base). */
  static byte[] content(String path, int round) {
    SplittableRandom random = new SplittableRandom(path.hashCode() * 31L + round);
    byte[] bytes = new byte[1024 + random.nextInt(7 * 1024 + 1)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = i % 64 == 63 ? (byte) '\n' : (byte) ('a' + random.nextInt(26));
    }
    return bytes;
  }

  // ---- helpers

  /** The kernel's database, {@code root/brio.db}, where sessions keep records and snapshots. */
  static SqliteStore openStore(Path root) throws IOException {
    try {
      return SqliteStore.open(StoreSettings.defaults(root.resolve("brio.db")));
    } catch (StoreOpenException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Sessions allowed in {@code root/projects}, kept in {@code root/sessions} with their records in
   * {@code store}, no retention.
   */
  static WorkspaceSessions newSessions(Path root, SqliteStore store) throws IOException {
    return new WorkspaceSessions(
        VfsSettings.of(
                List.of(root.resolve("projects")),
                root.resolve("sessions"),
                SqliteSessionLedger.of(store))
            .withRetention(Duration.ZERO));
  }

  /**
   * Runs git in {@code directory} without the user's or the system's configuration (nothing there
   * should change what status does) and returns its output.
   */
  static String git(Path directory, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "git",
            "-c",
            "user.name=Brio Bench",
            "-c",
            "user.email=bench@brio.invalid",
            "-c",
            "commit.gpgsign=false",
            // No automatic gc or maintenance: after committing 10k loose objects git would start
            // one in the background, which would load the machine while status is measured.
            "-c",
            "gc.auto=0",
            "-c",
            "maintenance.auto=false"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    Process git = builder.start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = git.waitFor();
    if (status != 0) {
      throw new IOException("git " + String.join(" ", args) + " exited with " + status);
    }
    return out;
  }

  /**
   * Runs {@code sync} (untimed, in setup and teardown) so every measured call starts with no
   * writeback pending from the previous call's 40 MiB copy or from its own setup.
   */
  static void sync() throws IOException, InterruptedException {
    Process sync = new ProcessBuilder("sync").inheritIO().start();
    if (sync.waitFor() != 0) {
      throw new IOException("sync exited with " + sync.exitValue());
    }
  }

  /** How many regular files are below {@code root}. */
  static long countFiles(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).count();
    }
  }

  static void deleteTree(Path root) throws IOException {
    try {
      TaskQueueBenchmark.deleteTree(root);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
