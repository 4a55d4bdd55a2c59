package dev.brio.api.session;

import java.util.List;

/** Why a session operation was refused or failed, as {@code session-error} in the WIT. */
public sealed interface SessionError {

  /** A human-readable description of the error. */
  String describe();

  /** The base path (after resolving symlinks and {@code ..}) is not inside an allowed root. */
  record OutsideRoots(String path) implements SessionError {
    @Override
    public String describe() {
      return "outside the allowed project roots: " + path;
    }
  }

  /** No such session, or it is no longer open. */
  record UnknownSession(String id) implements SessionError {
    @Override
    public String describe() {
      return "no open session " + id;
    }
  }

  /**
   * The base changed since begin where the session changed it too. Nothing was applied; the session
   * stays open for a retry or an abort.
   *
   * @param paths the conflicting paths, relative to the base, with {@code /} separators
   */
  record Conflict(List<String> paths) implements SessionError {
    public Conflict {
      paths = List.copyOf(paths);
    }

    @Override
    public String describe() {
      return "the base changed since begin at " + paths;
    }
  }

  /** An I/O failure, with the path involved. */
  record Io(String path) implements SessionError {
    @Override
    public String describe() {
      return "I/O failure at " + path;
    }
  }
}
