package dev.brio.wasi.http;

/** A host object that releases something when the guest drops its handle. */
interface Dropped {
  void dropped();
}
