package dev.fogbank.core;

import dev.fogbank.core.admin.AdminApi;
import dev.fogbank.core.bus.EventBus;
import dev.fogbank.core.engine.RequestDispatcher;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.engine.ServiceRegistry;
import dev.fogbank.core.governor.Governor;
import dev.fogbank.core.server.EmulatorServer;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.core.time.SystemClock;
import dev.fogbank.core.time.VirtualClock;
import java.util.List;
import org.slf4j.LoggerFactory;

/** A running Fogbank: the shared runtime, the services, and the server on its port. */
public final class Emulator implements AutoCloseable {

  private final EmulatorConfig config;
  private final Clock clock;
  private final Scheduler scheduler;
  private final EventBus bus;
  private final ServiceRegistry registry;
  private final RequestDispatcher dispatcher;
  private final AdminApi admin;
  private final EmulatorServer server;

  private Emulator(EmulatorConfig config, Clock clock, List<ServiceModule> modules) throws InterruptedException {
    this.config = config;
    this.clock = clock;
    this.scheduler = new Scheduler(clock);
    this.bus = new EventBus();
    this.registry = new ServiceRegistry(modules);
    this.dispatcher = new RequestDispatcher(config, registry, clock);
    this.admin = new AdminApi(registry, clock, scheduler);
    dispatcher.admin(admin);
    ServiceContext context = new ServiceContext(config, clock, scheduler, bus, dispatcher, admin, new Governor(clock));
    for (ServiceModule module : modules) {
      long t0 = System.nanoTime();
      module.start(context);
      LoggerFactory.getLogger(Emulator.class)
          .debug("{} started in {} ms", module.name(), (System.nanoTime() - t0) / 1_000_000);
    }
    this.server = EmulatorServer.bind(config.host(), config.port(), dispatcher);
    dispatcher.boundPort(server.port());
  }

  /** Starts the services on the class path that {@code config} asks for. */
  public static Emulator start(EmulatorConfig config) {
    return start(config, ServiceRegistry.discover(config));
  }

  public static Emulator start(EmulatorConfig config, List<ServiceModule> modules) {
    Clock clock =
        config.virtualTime()
            ? new VirtualClock(config.frozenTime())
            : SystemClock.INSTANCE;
    try {
      return new Emulator(config, clock, modules);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
  }

  public EmulatorConfig config() {
    return config;
  }

  /** The port the server is bound to (the configured one, or the ephemeral one chosen for 0). */
  public int port() {
    return server.port();
  }

  public Clock clock() {
    return clock;
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  public EventBus bus() {
    return bus;
  }

  public RequestDispatcher dispatcher() {
    return dispatcher;
  }

  public ServiceRegistry registry() {
    return registry;
  }

  /** The admin API, for endpoints the embedding program serves besides the services' own. */
  public AdminApi admin() {
    return admin;
  }

  @Override
  public void close() {
    server.close();
    for (ServiceRegistry.Service service : registry.services()) {
      try {
        service.module().stop();
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(Emulator.class).warn("{} did not stop cleanly", service.name(), e);
      }
    }
    scheduler.close();
    bus.close();
  }
}
