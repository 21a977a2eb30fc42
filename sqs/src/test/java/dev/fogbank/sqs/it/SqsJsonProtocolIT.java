package dev.fogbank.sqs.it;

/** The protocol scenarios over JSON 1.0. */
class SqsJsonProtocolIT extends SqsProtocolScenarios {

  @Override
  WireClient wire() {
    return new WireClient.JsonWire(fogbank.endpoint());
  }
}
