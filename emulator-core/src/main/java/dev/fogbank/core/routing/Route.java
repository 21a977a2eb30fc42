package dev.fogbank.core.routing;

import dev.fogbank.core.engine.ServiceRegistry.Service;
import dev.fogbank.core.protocol.ProtocolCodec;

/** Where a request goes: a service and the protocol it spoke. */
public record Route(Service service, ProtocolCodec codec) {}
