package dev.brio.api.session;

/** How a session is compared with its snapshot. */
public enum DiffMode {
  /**
   * Only the paths recorded as touched (and their subtrees when they are directories), when the
   * session tracks touched paths; otherwise the same as {@link #FULL_RESCAN}.
   */
  TOUCHED,
  /** Every path of the session and the snapshot: a verification mode. */
  FULL_RESCAN
}
