package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who began a session is recorded with it in brio.db and lists its sessions, across restarts. */
class SessionOwnerTest {

  @TempDir Path temp;

  @Test
  void anOwnersSessionsAreListedByItsNameAfterARestartOpenOrFinished() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions before = f.sessions();
    SessionInfo first = before.begin(f.base.toString(), true, Optional.of("coder"));
    f.now = f.now.plusSeconds(1);
    SessionInfo other = before.begin(f.base.toString(), true, Optional.of("reviewer"));
    f.now = f.now.plusSeconds(1);
    SessionInfo nobodys = before.begin(f.base.toString());
    f.now = f.now.plusSeconds(1);
    SessionInfo second = before.begin(f.base.toString(), false, Optional.of("coder"));
    before.abort(first.id());
    assertEquals(Optional.of("coder"), first.owner(), "begin answers with the owner");
    assertEquals(Optional.empty(), nobodys.owner());
    f.closeStore();

    WorkspaceSessions after = f.sessions();
    after.recover();
    List<SessionInfo> coder = after.listOwnedBy("coder");
    assertEquals(List.of(first.id(), second.id()), coder.stream().map(SessionInfo::id).toList());
    assertEquals(SessionState.ABORTED, coder.get(0).state());
    assertEquals(SessionState.OPEN, coder.get(1).state());
    assertEquals(List.of(other), after.listOwnedBy("reviewer"));
    assertEquals(List.of(), after.listOwnedBy("nobody"));
    assertEquals(
        List.of(
            Optional.of("coder"), Optional.of("reviewer"), Optional.empty(), Optional.of("coder")),
        after.list().stream().map(SessionInfo::owner).toList(),
        "the kernel's list shows every owner");
  }

  @Test
  void aBlankOwnerIsRefusedBeforeAnythingIsCopied() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> sessions.begin(f.base.toString(), true, Optional.of("  ")));
    assertTrue(e.getMessage().contains("blank owner"), e.getMessage());
    assertEquals(List.of(), sessions.list());
  }
}
