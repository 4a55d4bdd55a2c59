package dev.brio.mesh;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code dev.brio.mesh} (e.g. {@code etc/dev.brio.mesh.cfg}). */
@ObjectClassDefinition(name = "Brio service mesh")
@interface MeshConfig {
  @AttributeDefinition(description = "Calls that may wait in one instance's mailbox")
  int mailboxCapacity() default 64;

  @AttributeDefinition(description = "Calls a Java target takes at once, unless it says otherwise")
  int javaConcurrency() default 8;

  @AttributeDefinition(description = "The longest any call may take, in milliseconds")
  long maxCallTimeoutMs() default 300_000;

  @AttributeDefinition(description = "How long a removed target's running calls may finish (ms)")
  long removalGraceMs() default 5_000;

  @AttributeDefinition(description = "Fraction of successful calls traced to the event log, 0..1")
  double traceSampleRate() default 1.0;
}
