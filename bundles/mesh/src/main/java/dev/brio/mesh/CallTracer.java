package dev.brio.mesh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brio.api.state.EventLog;
import dev.brio.api.state.SqlException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes calls to the event log ({@code kind = mesh.call}) off the calling thread: a bounded queue
 * drained by one virtual thread. Successful calls are sampled at the configured rate; failed calls
 * are always kept. When the queue is full, records are dropped and counted rather than slowing the
 * mesh down.
 */
final class CallTracer implements AutoCloseable {
  static final String KIND = "mesh.call";
  private static final Logger LOG = LoggerFactory.getLogger(CallTracer.class);
  private static final int QUEUE = 16_384;
  private static final long CLOSE_WAIT_SECONDS = 10;
  private static final CallRecord STOP = new CallRecord(-1, -1, "", "", "", "", 0);

  private final double sampleRate;
  private final ArrayBlockingQueue<CallRecord> queue = new ArrayBlockingQueue<>(QUEUE);
  private final LongAdder dropped = new LongAdder();
  private final ObjectMapper json = new ObjectMapper();
  private final Thread writer;
  private volatile EventLog log;

  CallTracer(double sampleRate) {
    this.sampleRate = sampleRate;
    this.writer = Thread.ofVirtual().name("mesh-tracer").start(this::drain);
  }

  /** Sets or clears (null) the event log the records go to. Without one, nothing is kept. */
  synchronized void writeTo(EventLog eventLog) {
    this.log = eventLog;
  }

  /** Clears the event log only if it is {@code eventLog}. */
  synchronized void stopWritingTo(EventLog eventLog) {
    if (log == eventLog) {
      log = null;
    }
  }

  void record(CallRecord call) {
    if (log == null || !(call.failed() || sampled())) {
      return;
    }
    if (!queue.offer(call)) {
      dropped.increment();
    }
  }

  private boolean sampled() {
    return sampleRate >= 1.0
        || (sampleRate > 0 && ThreadLocalRandom.current().nextDouble() < sampleRate);
  }

  long dropped() {
    return dropped.sum();
  }

  private void drain() {
    List<CallRecord> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch);
      for (CallRecord call : batch) {
        if (call == STOP) {
          return;
        }
        write(call);
      }
      batch.clear();
    }
  }

  private void write(CallRecord call) {
    EventLog target = log;
    if (target == null) {
      return;
    }
    var detail = new LinkedHashMap<String, Object>();
    detail.put("id", call.id());
    detail.put("parent", call.parentId());
    detail.put("target", call.target());
    detail.put("method", call.method());
    detail.put("outcome", call.outcome());
    detail.put("micros", call.micros());
    try {
      target.append(KIND, call.caller(), json.writeValueAsString(detail));
    } catch (SqlException | JsonProcessingException | RuntimeException e) {
      // the writer must outlive any one bad record, or the queue fills and close() waits forever
      dropped.increment();
      LOG.warn("cannot trace call {}: {}", call.id(), e.getMessage());
    }
  }

  /** Writes what is queued, then stops. */
  @Override
  public void close() {
    try {
      if (!queue.offer(STOP, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)
          || !writer.join(Duration.ofSeconds(CLOSE_WAIT_SECONDS))) {
        LOG.warn("call traces still queued after {} s are dropped", CLOSE_WAIT_SECONDS);
        writer.interrupt();
      }
    } catch (InterruptedException e) {
      writer.interrupt();
      Thread.currentThread().interrupt();
    }
  }
}
