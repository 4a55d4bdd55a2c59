package dev.brio.extender;

import dev.brio.component.link.ComponentInstance;
import dev.brio.wasi.Wasi;

/**
 * A component instance with the WASI host it was linked with: the host holds what the instance
 * opened (files, streams, HTTP exchanges and the threads pumping their bodies), so an instance is
 * done with only once {@link #close} released them, whether it trapped, was stopped or undeployed.
 */
record LiveInstance(ComponentInstance instance, Wasi wasi) implements AutoCloseable {
  @Override
  public void close() {
    wasi.close();
  }
}
