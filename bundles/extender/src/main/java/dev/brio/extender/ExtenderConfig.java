package dev.brio.extender;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code dev.brio.extender} (e.g. {@code etc/dev.brio.extender.cfg}). */
@ObjectClassDefinition(name = "Brio component extender")
@interface ExtenderConfig {
  @AttributeDefinition(
      description =
          "The components folder. Empty means <brio.home>/components, where brio.home is a"
              + " framework property the launcher sets")
  String folder() default "";

  @AttributeDefinition(description = "How often the folder is scanned, in milliseconds")
  long pollMs() default 500;

  @AttributeDefinition(
      description =
          "Run components on Chicory's runtime compiler: a new component answers on the"
              + " interpreter while it compiles in the background (else the interpreter only)")
  boolean compiler() default true;

  @AttributeDefinition(
      description =
          "Compiled code kept on disk between runs, in MiB (under <brio.data>/cache/compiled);"
              + " 0 keeps none")
  long compiledCacheMiB() default 512;

  @AttributeDefinition(
      description =
          "The most memory one core memory of a component instance may grow to, in MiB (a pool"
              + " of N instances may use N times this)")
  long maxMemoryMiB() default 1024;
}
