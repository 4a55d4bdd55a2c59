/**
 * Workspace sessions ({@code brio:core/session-fs}): {@link dev.brio.vfs.WorkspaceSessions} is the
 * plain-Java core, {@link dev.brio.vfs.SessionFsComponent} publishes it in OSGi.
 *
 * <p>In {@code brio.db}, through the {@link dev.brio.api.session.SessionLedger} the store bundle
 * publishes: one row per session with its record (base, owner, state, touched-path promise, begin
 * and finish times) and its snapshot (path, type, mode, git blob id of every entry; see {@link
 * dev.brio.vfs.Snapshot}). On disk, under the sessions root: {@code <id>/} (the session's copy of
 * the base) and while a commit runs {@code <id>.staging}, {@code <id>.journal}, {@code
 * <id>.journal-done} (files synced with the stages, not the done mark; the commit point does not
 * wait for the database). Staged files live in the base as {@code .brio-stage-<id>-<n>} next to
 * their targets. The commit protocol and its recovery are described on {@link
 * dev.brio.vfs.Committer}; the crash-test hook {@code -Dbrio.vfs.crashAt=<step>} on {@link
 * dev.brio.vfs.CommitSteps}. Sessions an earlier version kept as {@code <id>.session} and {@code
 * <id>.snapshot} files are imported on start (see {@link dev.brio.vfs.WorkspaceSessions#recover}).
 */
package dev.brio.vfs;
