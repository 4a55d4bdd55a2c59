package dev.brio.kernel;

import dev.brio.api.state.KernelEvent;

/** A kernel event as the status report prints it. */
record EventLine(long id, String at, String kind, String source, String detail) {

  static EventLine of(KernelEvent event) {
    return new EventLine(
        event.id(), event.at().toString(), event.kind(), event.source(), event.detail());
  }
}
