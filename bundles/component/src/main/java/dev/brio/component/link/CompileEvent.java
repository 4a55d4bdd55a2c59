package dev.brio.component.link;

import java.time.Duration;

/**
 * What happened to a core module's compilation, reported to the listener given to {@link
 * Engine.Builder#onCompile}.
 */
public sealed interface CompileEvent {
  /** The content key of the module (hex SHA-256 of the module and the compiler's fingerprint). */
  String key();

  /** The module's code is ready: compiled now, or loaded from the compiled-code cache. */
  record Compiled(String key, int moduleBytes, Duration took, boolean fromCache)
      implements CompileEvent {}

  /** Compilation failed: the module's instances keep running on the interpreter. */
  record Failed(String key, int moduleBytes, Throwable cause) implements CompileEvent {}
}
