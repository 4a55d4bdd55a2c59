package dev.brio.extender;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brio.api.state.EventLog;
import dev.brio.api.state.SqlException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator what the extender did: a log line, and an event in the kernel's event log
 * ({@code component.deployed}, {@code component.removed}, {@code component.refused}), which {@code
 * brio status} shows among the recent events.
 */
final class DeployReport implements DeployListener {
  static final String SOURCE = "dev.brio.extender";
  private static final Logger LOG = LoggerFactory.getLogger(DeployReport.class);
  private final ObjectMapper json = new ObjectMapper();
  private volatile EventLog events;

  synchronized void writeTo(EventLog log) {
    this.events = log;
  }

  synchronized void stopWritingTo(EventLog log) {
    if (events == log) {
      events = null;
    }
  }

  @Override
  public void deployed(String name, ComponentManifest manifest, String file) {
    LOG.info(
        "component {} deployed as mesh target {} ({} {}, {} instance(s), grants {})",
        name,
        manifest.target(),
        manifest.role().worldName(),
        file,
        manifest.pool(),
        manifest.grants().stream().sorted().toList());
    var detail = new LinkedHashMap<String, Object>();
    detail.put("component", name);
    detail.put("target", manifest.target());
    detail.put("role", manifest.role().worldName());
    detail.put("pool", manifest.pool());
    detail.put("grants", manifest.grants().stream().sorted().toList());
    append("component.deployed", detail);
  }

  @Override
  public void removed(String name, String target) {
    LOG.info("component {} removed: mesh target {} is gone", name, target);
    append("component.removed", Map.of("component", name, "target", target));
  }

  @Override
  public void refused(String name, String file, DeployException problem) {
    LOG.error("component {} refused ({}): {}", name, problem.reason(), problem.getMessage());
    var detail = new LinkedHashMap<String, Object>();
    detail.put("component", name);
    detail.put("file", file);
    detail.put("reason", problem.reason().name().toLowerCase(Locale.ROOT));
    detail.put("message", problem.getMessage());
    append("component.refused", detail);
  }

  private void append(String kind, Map<String, Object> detail) {
    EventLog log = events;
    if (log == null) {
      return;
    }
    try {
      log.append(kind, SOURCE, json.writeValueAsString(detail));
    } catch (SqlException | JsonProcessingException e) {
      LOG.warn("cannot record {}: {}", kind, e.getMessage());
    }
  }
}
