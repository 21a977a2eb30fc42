package dev.fogbank.sqs.it;

/** The protocol scenarios over the query protocol (form POST, XML). */
class SqsQueryProtocolIT extends SqsProtocolScenarios {

  @Override
  WireClient wire() {
    return new WireClient.QueryWire(fogbank.endpoint());
  }
}
