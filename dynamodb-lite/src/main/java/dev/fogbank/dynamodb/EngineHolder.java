package dev.fogbank.dynamodb;

import dev.fogbank.core.bus.EventBus;
import dev.fogbank.core.engine.ServiceContext;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The one engine that DynamoDB and DynamoDB Streams share within one running emulator, created by
 * whichever of the two modules starts first. Keyed by the emulator's event bus, so that several
 * emulators in one JVM (tests) keep separate engines.
 */
final class EngineHolder {

  private static final Map<EventBus, DynamoDbEngine> ENGINES = new WeakHashMap<>();

  private EngineHolder() {}

  static synchronized DynamoDbEngine engine(ServiceContext context) {
    return ENGINES.computeIfAbsent(
        context.bus(), bus -> new DynamoDbEngine(context.clock(), context.scheduler(), bus));
  }
}
