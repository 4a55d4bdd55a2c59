package dev.brio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RootCauseTest {

  @Test
  void theFirstCauseThatIsNotAWrapperNamesTheProblem() {
    String trace =
        """
        java.lang.reflect.InvocationTargetException
        \tat java.base/jdk.internal.reflect.DirectConstructorHandleAccessor.newInstance
        Caused by: org.osgi.service.component.ComponentException: activation failed
        \tat org.apache.felix.scr.impl.X.y
        Caused by: dev.brio.store.StoreOpenException: /srv/brio/data/brio.db is not a database
        \t... 12 more
        Caused by: org.sqlite.SQLiteException: [SQLITE_NOTADB] file is not a database
        \t... 14 more
        """;
    assertEquals(
        "dev.brio.store.StoreOpenException: /srv/brio/data/brio.db is not a database",
        KernelHealth.rootCause(trace));
  }

  @Test
  void withoutCausesTheFirstLineIsTheProblem() {
    assertEquals(
        "java.lang.IllegalStateException: no",
        KernelHealth.rootCause("java.lang.IllegalStateException: no\n\tat x"));
    assertEquals("activation failed", KernelHealth.rootCause(null));
    assertEquals(
        "java.lang.reflect.InvocationTargetException",
        KernelHealth.rootCause("java.lang.reflect.InvocationTargetException\n\tat x"));
  }
}
