package dev.brio.mesh;

/** What the tracer writes for one call: ids, who called what, the outcome and the time it took. */
record CallRecord(
    long id,
    long parentId,
    String caller,
    String target,
    String method,
    String outcome,
    long micros) {

  static final String OK = "ok";

  boolean failed() {
    return !outcome.equals(OK);
  }
}
