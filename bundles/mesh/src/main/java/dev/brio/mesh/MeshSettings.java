package dev.brio.mesh;

import java.time.Duration;

/**
 * How the mesh runs Java targets and traces calls: the mailbox size and concurrency a Java target
 * gets unless its service properties say otherwise, the cap on any call's time, how long a removed
 * target's running calls may take to finish, and the fraction of successful calls written to the
 * event log (failed calls are always written).
 */
record MeshSettings(
    int mailboxCapacity,
    int javaConcurrency,
    Duration maxCallTimeout,
    Duration removalGrace,
    double traceSampleRate) {

  static final MeshSettings DEFAULTS =
      new MeshSettings(64, 8, Duration.ofMinutes(5), Duration.ofSeconds(5), 1.0);
}
