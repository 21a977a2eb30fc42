package dev.fogbank.apigatewayv2.ws;

import dev.fogbank.apigatewayv2.api.Api;
import dev.fogbank.core.server.WebSocketSession;
import dev.fogbank.core.time.Scheduler;
import java.time.Instant;

/**
 * One client connection to a WebSocket API stage: its id, the session to push through, when it
 * connected and was last active (the {@code @connections} GET answer), and the two timers API
 * Gateway closes it by — 10 minutes idle, 2 hours in all.
 */
final class Connection {

  final String id;
  final Api api;
  final String stage;
  final WebSocketSession session;
  final Instant connectedAt;
  final String sourceIp;
  final String userAgent;
  volatile Instant lastActiveAt;
  volatile Scheduler.Timer idle;
  volatile Scheduler.Timer limit;
  /** Set when API Gateway (not the client) ends the connection: the DISCONNECT event says why. */
  volatile String closedBy;
  /** What the $connect authorizer returned (principalId and context), or null. */
  volatile com.fasterxml.jackson.databind.node.ObjectNode authorizer;

  Connection(String id, Api api, String stage, WebSocketSession session, Instant connectedAt, String sourceIp, String userAgent) {
    this.id = id;
    this.api = api;
    this.stage = stage;
    this.session = session;
    this.connectedAt = connectedAt;
    this.sourceIp = sourceIp;
    this.userAgent = userAgent;
    this.lastActiveAt = connectedAt;
  }

  void cancelTimers() {
    Scheduler.Timer i = idle;
    if (i != null) {
      i.cancel();
    }
    Scheduler.Timer l = limit;
    if (l != null) {
      l.cancel();
    }
  }
}
