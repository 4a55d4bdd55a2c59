/**
 * A bounded store of compiled code on disk, keyed by content hash: entries are written atomically,
 * checked on every read, and the least recently used are evicted past a size limit. Internal to the
 * engine ({@link dev.brio.component.link.Engine.Builder#compiledCache}); not exported.
 */
package dev.brio.component.cache;
