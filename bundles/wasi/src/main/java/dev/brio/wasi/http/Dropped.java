package dev.brio.wasi.http;

/**
 * A host object that releases something when the guest drops its handle. It is {@link
 * AutoCloseable} so that a resource table closed with its instance releases it the same way.
 */
interface Dropped extends AutoCloseable {
  void dropped();

  @Override
  default void close() {
    dropped();
  }
}
