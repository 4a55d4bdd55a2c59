/**
 * Workspace sessions ({@code brio:core/session-fs}): {@link dev.brio.vfs.WorkspaceSessions} is the
 * plain-Java core, {@link dev.brio.vfs.SessionFsComponent} publishes it in OSGi.
 *
 * <p>On disk, under the sessions root: {@code <id>/} (the session's copy of the base), {@code
 * <id>.session} (its record), {@code <id>.snapshot} (the base at begin: path, type, mode, git blob
 * id), and while a commit runs {@code <id>.staging}, {@code <id>.journal}, {@code
 * <id>.journal-done}. Staged files live in the base as {@code .brio-stage-<id>-<n>} next to their
 * targets. The commit protocol and its recovery are described on {@link dev.brio.vfs.Committer};
 * the crash-test hook {@code -Dbrio.vfs.crashAt=<step>} on {@link dev.brio.vfs.CommitSteps}.
 */
package dev.brio.vfs;
