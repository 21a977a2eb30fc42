package dev.fogbank.dynamodb;

import dev.fogbank.core.bus.EventBus;
import dev.fogbank.core.engine.ServiceContext;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The one engine that DynamoDB and DynamoDB Streams share within one running emulator, created by
 * whichever of the two modules starts first. Keyed by the emulator's event bus, so that several
 * emulators in one JVM (tests) keep separate engines; the engine is held weakly, by its modules
 * only, so a closed emulator's engine and bus can be collected.
 */
final class EngineHolder {

  private static final Map<EventBus, WeakReference<DynamoDbEngine>> ENGINES = new WeakHashMap<>();

  private EngineHolder() {}

  static synchronized DynamoDbEngine engine(ServiceContext context) {
    WeakReference<DynamoDbEngine> ref = ENGINES.get(context.bus());
    DynamoDbEngine engine = ref == null ? null : ref.get();
    if (engine == null) {
      engine = new DynamoDbEngine(context.clock(), context.scheduler(), context.bus());
      ENGINES.put(context.bus(), new WeakReference<>(engine));
    }
    return engine;
  }
}
