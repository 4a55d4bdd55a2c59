package dev.brio.api.state;

import java.util.List;

/** The kernel's append-only event log, kept in {@code brio.db}. */
public interface EventLog {

  /** Appends an event and returns it with its id and time. {@code detail} is a JSON document. */
  KernelEvent append(String kind, String source, String detail) throws SqlException;

  /** The newest {@code limit} events, newest last. */
  List<KernelEvent> recent(int limit) throws SqlException;
}
