package dev.brio.vfs;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** ConfigAdmin settings of workspace sessions, PID {@code dev.brio.vfs}. */
@ObjectClassDefinition(
    name = "Brio workspace sessions",
    description = "Copies of projects that agents edit and commit back atomically")
public @interface SessionFsConfig {

  @AttributeDefinition(
      description =
          "Project roots a session base must lie in, after resolving symlinks and '..'. None"
              + " means every base is refused.")
  String[] allowedRoots() default {};

  @AttributeDefinition(
      description = "Where session directories live. Empty means <java.io.tmpdir>/brio/sessions.")
  String sessionsRoot() default "";

  @AttributeDefinition(
      description = "Hours a committed or aborted session stays on disk before it is removed.")
  long retentionHours() default 24;

  @AttributeDefinition(
      description =
          "Hours after its begin an open session is aborted by the hourly cleanup (its copy is"
              + " discarded, it is recorded as aborted, a warning names it); a session being"
              + " committed is left for the next round. 0 means open sessions never expire.")
  long openMaxAgeHours() default 168;

  @AttributeDefinition(
      description =
          "When set and the base is a git work tree, each commit is also recorded as a git commit"
              + " on this branch (HEAD is never moved). Empty means no git commits.")
  String gitBranch() default "";
}
