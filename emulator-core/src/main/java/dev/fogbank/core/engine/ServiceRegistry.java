package dev.fogbank.core.engine;

import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.ProtocolCodec;
import dev.fogbank.core.protocol.json.AwsJsonCodec;
import dev.fogbank.core.protocol.query.QueryCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The running services, their codecs, and the indexes the router looks them up by. */
public final class ServiceRegistry {

  /** A service and the codec of each protocol it answers. */
  public record Service(ServiceModule module, Map<Protocol, ProtocolCodec> codecs) {

    public String name() {
      return module.name();
    }

    public ServiceModel model() {
      return module.model();
    }

    /** The codec of the service's own (model) protocol. */
    public ProtocolCodec primaryCodec() {
      ServiceModel.Metadata md = model().metadata();
      return codecs.get(Protocol.of(md.protocol(), md.jsonVersion()));
    }
  }

  private final Map<String, Service> byName = new LinkedHashMap<>();
  private final Map<String, Service> byTargetPrefix = new HashMap<>();
  private final Map<String, Service> bySigningName = new HashMap<>();

  public ServiceRegistry(Collection<ServiceModule> modules) {
    for (ServiceModule module : modules) {
      Map<Protocol, ProtocolCodec> codecs = new EnumMap<>(Protocol.class);
      for (Protocol p : module.protocols()) {
        codecs.put(p, codec(module, p));
      }
      Service service = new Service(module, codecs);
      byName.put(module.name(), service);
      ServiceModel.Metadata md = module.model().metadata();
      if (md.targetPrefix() != null) {
        byTargetPrefix.put(md.targetPrefix(), service);
      }
      bySigningName.putIfAbsent(md.signingName(), service);
      bySigningName.putIfAbsent(md.endpointPrefix(), service);
      bySigningName.putIfAbsent(module.name(), service);
    }
  }

  /** The modules on the class path that the configuration asks for. */
  public static List<ServiceModule> discover(EmulatorConfig config) {
    List<ServiceModule> modules = new ArrayList<>();
    for (ServiceModule module : ServiceLoader.load(ServiceModule.class)) {
      if (config.runs(module.name())) {
        modules.add(module);
      }
    }
    return modules;
  }

  private static ProtocolCodec codec(ServiceModule module, Protocol protocol) {
    return switch (protocol) {
      case AWS_JSON_1_0, AWS_JSON_1_1 -> new AwsJsonCodec(module);
      case QUERY -> new QueryCodec(module.model());
      case REST_JSON, REST_XML ->
          throw new UnsupportedOperationException(protocol + " codec is not available yet");
    };
  }

  public Collection<Service> services() {
    return byName.values();
  }

  public Service byName(String name) {
    return byName.get(name);
  }

  public Service byTargetPrefix(String prefix) {
    return byTargetPrefix.get(prefix);
  }

  /** The service a SigV4 credential scope names ({@code sqs}, {@code dynamodb}). */
  public Service bySigningName(String name) {
    return name == null ? null : bySigningName.get(name);
  }
}
