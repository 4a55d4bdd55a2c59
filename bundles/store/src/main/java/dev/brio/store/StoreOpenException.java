package dev.brio.store;

import java.nio.file.Path;

/**
 * The store refused to open a database. Every refusal leaves the file as it was: Brio never
 * overwrites a file it does not recognise, nor a schema newer than it knows.
 */
public final class StoreOpenException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the database was refused. */
  public enum Reason {
    /** The file is not a SQLite database (SQLITE_NOTADB) or is damaged (SQLITE_CORRUPT). */
    NOT_A_DATABASE,
    /** The schema version is newer than this code knows. */
    NEWER_SCHEMA,
    /** A migration failed; it was rolled back and the database stayed at its old version. */
    MIGRATION_FAILED,
    /** The file could not be opened or read. */
    UNREADABLE
  }

  private final transient Path path;
  private final Reason reason;

  StoreOpenException(Reason reason, Path path, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.path = path;
  }

  public Reason reason() {
    return reason;
  }

  public Path path() {
    return path;
  }
}
