package dev.brio.extender;

import dev.brio.extender.DeployException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The components folder, scanned on demand: each {@code NAME.wasm} with its {@code NAME.json} is a
 * component. A pair is acted on once it has looked the same for two scans in a row, so a file still
 * being copied in is not loaded half-written; a changed pair is redeployed, a pair with a file gone
 * is undeployed, and a pair that failed is not retried until one of its files changes, except one
 * refused because its target name was taken, which is tried again once that name is free.
 */
final class ComponentFolder {
  static final String WASM = ".wasm";
  static final String MANIFEST = ".json";

  /** What the two files of a pair look like on disk: absent is null. */
  record Look(Stamp wasm, Stamp manifest) {
    boolean complete() {
      return wasm != null && manifest != null;
    }
  }

  record Stamp(long size, long modifiedNanos, Object fileKey) {}

  private final Path folder;
  private final Deployer deployer;
  private final DeployListener listener;
  private final Map<String, Look> seen = new HashMap<>();
  private final Map<String, Look> acted = new HashMap<>();
  // refused because their target name was taken: tried again, unchanged, once the name is free
  private final Map<String, String> waitingForTarget = new HashMap<>();
  private static final Look UNREAD = new Look(null, null);

  ComponentFolder(Path folder, Deployer deployer, DeployListener listener) {
    this.folder = folder;
    this.deployer = deployer;
    this.listener = listener;
  }

  Path path() {
    return folder;
  }

  /** Looks at the folder once and acts on every pair that changed and has settled. */
  synchronized void scan() throws IOException {
    Map<String, Look> now = look();
    var names = new TreeSet<>(now.keySet());
    names.addAll(acted.keySet());
    for (String name : names) {
      Look current = now.get(name);
      Look previous = seen.get(name);
      if (Objects.equals(current, acted.get(name)) || !Objects.equals(current, previous)) {
        continue; // unchanged since acted on, or still changing
      }
      act(name, current);
    }
    for (var waiting : List.copyOf(waitingForTarget.entrySet())) {
      String name = waiting.getKey();
      if (Objects.equals(now.get(name), acted.get(name))
          && deployer.targetFree(waiting.getValue())) {
        act(name, now.get(name));
      }
    }
    seen.clear();
    seen.putAll(now);
  }

  private void act(String name, Look look) {
    waitingForTarget.remove(name);
    if (look == null) {
      acted.remove(name);
      undeploy(name);
      listener.forgotten(name);
      return;
    }
    acted.put(name, look);
    if (!look.complete()) {
      undeploy(name);
      String missing = look.wasm() == null ? name + WASM : name + MANIFEST;
      listener.refused(
          name,
          fileOf(name, look),
          new DeployException(
              Reason.MISSING_FILE,
              "%s has no %s beside it".formatted(fileOf(name, look), missing)));
      return;
    }
    Path wasm = folder.resolve(name + WASM);
    Path manifestFile = folder.resolve(name + MANIFEST);
    String before = deployer.target(name);
    ComponentManifest manifest = null;
    try {
      manifest = ManifestReader.read(manifestFile, Files.readString(manifestFile), name);
      deployer.deploy(name, Files.readAllBytes(wasm), manifest);
      listener.deployed(name, manifest, wasm.toString());
    } catch (ManifestException e) {
      undeploy(name);
      listener.refused(
          name, manifestFile.toString(), new DeployException(Reason.MANIFEST, e.getMessage(), e));
    } catch (DeployException e) {
      if (before != null) {
        listener.removed(name, before); // the deployer took the old version out
      }
      listener.refused(name, wasm.toString(), e);
      if (e.reason() == Reason.CONFLICT && manifest != null) {
        waitingForTarget.put(name, manifest.target());
      }
    } catch (IOException e) {
      // Gone or unreadable between the look and the read: act again once it settles. A mark that
      // equals no look (not even "no files"), so a later scan acts whatever happens, removal too.
      acted.put(name, UNREAD);
    }
  }

  private void undeploy(String name) {
    String target = deployer.target(name);
    if (deployer.undeploy(name)) {
      listener.removed(name, target);
    }
  }

  private String fileOf(String name, Look look) {
    return folder.resolve(name + (look.wasm() != null ? WASM : MANIFEST)).toString();
  }

  private Map<String, Look> look() throws IOException {
    Map<String, Stamp> wasm = new HashMap<>();
    Map<String, Stamp> manifests = new HashMap<>();
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.toList()) {
          String fileName = file.getFileName().toString();
          if (fileName.endsWith(WASM)) {
            stamp(file).ifPresent(s -> wasm.put(base(fileName, WASM), s));
          } else if (fileName.endsWith(MANIFEST)) {
            stamp(file).ifPresent(s -> manifests.put(base(fileName, MANIFEST), s));
          }
        }
      }
    }
    Map<String, Look> looks = new HashMap<>();
    for (String name : wasm.keySet()) {
      looks.put(name, new Look(wasm.get(name), manifests.get(name)));
    }
    for (String name : manifests.keySet()) {
      looks.putIfAbsent(name, new Look(null, manifests.get(name)));
    }
    return looks;
  }

  private static Optional<Stamp> stamp(Path file) throws IOException {
    try {
      var attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(
          new Stamp(
              attributes.size(),
              attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
              attributes.fileKey()));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    }
  }

  private static String base(String fileName, String suffix) {
    return fileName.substring(0, fileName.length() - suffix.length());
  }
}
