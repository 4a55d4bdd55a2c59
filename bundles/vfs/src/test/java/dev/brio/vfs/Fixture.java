package dev.brio.vfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/** A project root with a base inside it, a sessions root beside it, and a settable clock. */
final class Fixture {
  final Path projects;
  final Path base;
  final Path outside;
  final Path sessionsRoot;
  Instant now = Instant.parse("2026-01-01T00:00:00Z");
  final InstantSource clock = () -> now;

  Fixture(Path temp) throws IOException {
    this.projects = Files.createDirectories(temp.resolve("projects"));
    this.base = projects.resolve("app");
    this.outside = temp.resolve("outside");
    this.sessionsRoot = temp.resolve("sessions");
    Trees.sampleBase(base, outside);
  }

  VfsSettings settings() {
    return VfsSettings.of(List.of(projects), sessionsRoot).withRetention(Duration.ofHours(1));
  }

  WorkspaceSessions sessions() throws IOException {
    return sessions(settings());
  }

  WorkspaceSessions sessions(VfsSettings settings) throws IOException {
    return new WorkspaceSessions(settings, CommitSteps.none(), clock);
  }
}
