package dev.fogbank.core.engine;

import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.ProtocolCodec;
import dev.fogbank.core.protocol.json.AwsJsonCodec;
import dev.fogbank.core.protocol.query.QueryCodec;
import dev.fogbank.core.protocol.restjson.RestJsonCodec;
import dev.fogbank.core.protocol.restxml.RestXmlCodec;
import dev.fogbank.core.protocol.rpcv2.RpcV2CborCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

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
  private final Map<String, List<Service>> bySigningName = new HashMap<>();

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
      for (String name : new LinkedHashSet<>(List.of(md.signingName(), md.endpointPrefix(), module.name()))) {
        bySigningName.computeIfAbsent(name, n -> new ArrayList<>()).add(service);
      }
    }
  }

  /**
   * The modules on the class path that the configuration asks for, in class-path order. They are
   * instantiated side by side: each loads its service model, most of start-up's own work.
   */
  public static List<ServiceModule> discover(EmulatorConfig config) {
    CompletableFuture<List<ServiceModule>> preloaded = PRELOADED.getAndSet(null);
    List<ServiceModule> all = preloaded != null ? preloaded.join() : load();
    return all.stream().filter(m -> config.runs(m.name())).toList();
  }

  /** Modules loaded ahead of time by {@link #preload}, for the next {@link #discover} to take. */
  private static final AtomicReference<CompletableFuture<List<ServiceModule>>> PRELOADED = new AtomicReference<>();

  /**
   * Starts loading every module (and its model) on a background thread, so that the command line
   * can parse its flags meanwhile; the next {@link #discover} takes the result.
   */
  public static void preload() {
    CompletableFuture<List<ServiceModule>> future = new CompletableFuture<>();
    if (PRELOADED.compareAndSet(null, future)) {
      Thread.ofPlatform()
          .name("fogbank-service-load")
          .daemon()
          .start(
              () -> {
                try {
                  future.complete(load());
                } catch (RuntimeException | Error e) {
                  future.completeExceptionally(e);
                }
              });
    }
  }

  private static List<ServiceModule> load() {
    List<ServiceLoader.Provider<ServiceModule>> providers =
        ServiceLoader.load(ServiceModule.class).stream().toList();
    List<Future<ServiceModule>> loading = new ArrayList<>();
    // Platform threads, not virtual ones: a module's constructor runs its class initialiser, which
    // pins a virtual thread to its carrier; with as many carriers as CPUs (two in a small
    // container) two pinned loaders waiting on a jar lock held by an unmounted third deadlock.
    try (ExecutorService executor =
        Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("fogbank-module-load-", 0).daemon().factory())) {
      for (ServiceLoader.Provider<ServiceModule> provider : providers) {
        loading.add(executor.submit(provider::get));
      }
    }
    List<ServiceModule> modules = new ArrayList<>();
    for (Future<ServiceModule> future : loading) {
      modules.add(future.resultNow());
    }
    return modules;
  }

  private static ProtocolCodec codec(ServiceModule module, Protocol protocol) {
    ProtocolCodec own = module.codec(protocol);
    if (own != null) {
      return own;
    }
    return switch (protocol) {
      case AWS_JSON_1_0, AWS_JSON_1_1 -> new AwsJsonCodec(module);
      case QUERY -> new QueryCodec(module.model());
      case REST_JSON -> new RestJsonCodec(module.model());
      case REST_XML -> new RestXmlCodec(module.model());
      case RPC_V2_CBOR -> new RpcV2CborCodec(module);
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

  /** The service a SigV4 credential scope names ({@code sqs}, {@code dynamodb}); the first if several do. */
  public Service bySigningName(String name) {
    List<Service> services = signedAs(name);
    return services.isEmpty() ? null : services.get(0);
  }

  /**
   * Every service a credential scope may name, in registration order: API Gateway's v1 and v2
   * APIs both sign as {@code apigateway}.
   */
  public List<Service> signedAs(String name) {
    List<Service> services = name == null ? null : bySigningName.get(name);
    return services == null ? List.of() : services;
  }
}
