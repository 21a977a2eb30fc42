package dev.fogbank.core.engine;

import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.time.Clock;

/**
 * Who is calling and how: the account and region the request was signed for, its request id, the
 * host the client used (so that URLs handed back — queue URLs — resolve for that client), the
 * wire protocol, and the clock.
 *
 * @param request the HTTP request, or null for an in-process call
 */
public record RequestContext(
    String requestId,
    String account,
    String region,
    String host,
    Protocol protocol,
    AwsRequest request,
    Clock clock) {

  /** {@code http://<host>} — the endpoint as the client addressed it. */
  public String endpoint() {
    return "http://" + host;
  }
}
