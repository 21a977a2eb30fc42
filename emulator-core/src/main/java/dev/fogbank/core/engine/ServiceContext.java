package dev.fogbank.core.engine;

import dev.fogbank.core.EmulatorConfig;
import dev.fogbank.core.admin.AdminApi;
import dev.fogbank.core.bus.EventBus;
import dev.fogbank.core.client.InProcessClient;
import dev.fogbank.core.governor.Governor;
import dev.fogbank.core.time.Clock;
import dev.fogbank.core.time.Scheduler;

/** The shared runtime a service engine is started with. */
public record ServiceContext(
    EmulatorConfig config,
    Clock clock,
    Scheduler scheduler,
    EventBus bus,
    InProcessClient client,
    AdminApi admin,
    Governor governor) {}
