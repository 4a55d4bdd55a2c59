package dev.brio.mesh;

import dev.brio.api.mesh.Caller;
import dev.brio.api.mesh.Mesh;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.MeshRegistry;
import dev.brio.api.mesh.MeshTarget;
import dev.brio.api.mesh.Payload;
import dev.brio.api.mesh.TargetSpec;
import dev.brio.api.mesh.TargetStats;
import dev.brio.api.state.EventLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mesh in Felix: a {@link Switchboard} offered as the {@link Mesh} and {@link MeshRegistry}
 * services, with every {@link MeshTarget} service of any bundle (hot-deployed ones included)
 * registered as a target while it is there (the whiteboard pattern), and calls traced to the event
 * log when the store is up.
 */
@Component(
    service = {Mesh.class, MeshRegistry.class},
    configurationPid = "dev.brio.mesh",
    immediate = true)
@Designate(ocd = MeshConfig.class)
public final class MeshComponent implements Mesh, MeshRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(MeshComponent.class);

  private final Switchboard switchboard;
  private final JavaTargets javaTargets;

  @Activate
  public MeshComponent(MeshConfig config) {
    this.switchboard =
        new Switchboard(
            new MeshSettings(
                config.mailboxCapacity(),
                config.javaConcurrency(),
                Duration.ofMillis(config.maxCallTimeoutMs()),
                Duration.ofMillis(config.removalGraceMs()),
                config.traceSampleRate()));
    this.javaTargets = new JavaTargets(switchboard);
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  void setEventLog(EventLog log) {
    switchboard.traceTo(log);
  }

  void unsetEventLog(EventLog log) {
    // DS binds a replacement before it unbinds the old one: clear only if this one is current.
    switchboard.stopTracingTo(log);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      target = "(" + MeshTarget.NAME + "=*)")
  void addTarget(MeshTarget target, Map<String, Object> properties) {
    String name = String.valueOf(properties.get(MeshTarget.NAME));
    MeshSettings settings = switchboard.settings();
    int concurrency = intProperty(properties, MeshTarget.CONCURRENCY, settings.javaConcurrency());
    Duration cap =
        Duration.ofMillis(
            intProperty(
                properties, MeshTarget.TIMEOUT_MS, (int) settings.maxCallTimeout().toMillis()));
    var spec =
        new TargetSpec(
            name,
            cap,
            settings.mailboxCapacity(),
            Boolean.parseBoolean(String.valueOf(properties.get(MeshTarget.RUN_ON_CALLER))));
    javaTargets.add(target, new JavaTargets.Offer(spec, concurrency));
  }

  void removeTarget(MeshTarget target) {
    javaTargets.remove(target);
  }

  private static int intProperty(Map<String, Object> properties, String key, int fallback) {
    Object value = properties.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.toString().strip());
    } catch (NumberFormatException e) {
      LOG.warn("ignoring {}={}: not an integer", key, value);
      return fallback;
    }
  }

  @Override
  public Payload call(Caller caller, String target, String method, Payload args)
      throws MeshException {
    return switchboard.call(caller, target, method, args);
  }

  @Override
  public List<String> targets() {
    return switchboard.targets();
  }

  @Override
  public List<TargetStats> stats() {
    return switchboard.stats();
  }

  @Override
  public Registration register(TargetSpec spec, List<MeshTarget> instances) {
    return switchboard.register(spec, instances);
  }

  @Deactivate
  void close() {
    javaTargets.clear();
    switchboard.close();
  }
}
