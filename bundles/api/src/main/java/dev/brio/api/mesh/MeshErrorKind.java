package dev.brio.api.mesh;

/** Why a call failed. The text of the WIT error starts with the kind's label. */
public enum MeshErrorKind {
  /** No target of that name is registered. */
  UNKNOWN_TARGET("unknown target"),
  /** The caller's grants do not include the target; the target never saw the call. */
  DENIED("denied"),
  /** Every mailbox of the target is full. Try again later. */
  BUSY("busy"),
  /** The answer did not come back before the call's deadline. */
  DEADLINE("deadline exceeded"),
  /** The call would re-enter an instance that is already waiting in this call chain. */
  CYCLE("call cycle"),
  /** The caller went away (was interrupted or cancelled) before the answer came back. */
  CANCELLED("cancelled"),
  /** The target was removed while the call waited in its mailbox. */
  TARGET_GONE("target gone"),
  /** The target itself answered with an error. */
  TARGET_ERROR("target error");

  private final String label;

  MeshErrorKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
