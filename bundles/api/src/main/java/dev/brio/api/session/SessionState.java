package dev.brio.api.session;

/** Where a session is in its life, as {@code session-state} in {@code wit/session.wit}. */
public enum SessionState {
  /** Copied and editable; may be committed or aborted. */
  OPEN,
  /** Its changes were applied to the base. */
  COMMITTED,
  /** Discarded without touching the base. */
  ABORTED
}
