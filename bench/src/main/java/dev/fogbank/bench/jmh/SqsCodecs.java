package dev.fogbank.bench.jmh;

import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.ServiceContext;
import dev.fogbank.core.engine.ServiceModule;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.json.AwsJsonCodec;
import dev.fogbank.core.protocol.query.QueryCodec;
import java.util.Map;

/**
 * The official SQS model (extracted into this module's classes at build time) and the two codecs
 * SQS clients reach: awsJson1_0 (current SDKs) and the query protocol (older SDKs, the CLI v1).
 */
final class SqsCodecs {

  static final ServiceModel MODEL = patched(ServiceModel.load(SqsCodecs.class, "sqs-2012-11-05"));
  static final AwsJsonCodec JSON = new AwsJsonCodec(new ModelOnly());
  static final QueryCodec QUERY = new QueryCodec(MODEL);

  private SqsCodecs() {}

  /**
   * The query names SQS's XML uses and its JSON model no longer records ({@code <Message>},
   * {@code <Attribute><Name>…<Value>…}), as in the SQS API reference's query examples; without
   * them the XML benchmark would write a shorter document than SQS does.
   */
  private static ServiceModel patched(ServiceModel model) {
    model
        .patch()
        .queryName("ReceiveMessageResult", "Messages", "Message")
        .queryName("Message", "Attributes", "Attribute")
        .queryName("Message", "MessageAttributes", "MessageAttribute")
        .queryName("SendMessageRequest", "MessageAttributes", "MessageAttribute")
        .mapEntryNames("MessageSystemAttributeMap", "Name", "Value")
        .mapEntryNames("MessageBodyAttributeMap", "Name", "Value");
    return model;
  }

  /** The JSON codec asks its service for the model and the error type; nothing else runs here. */
  private static final class ModelOnly implements ServiceModule {
    @Override
    public String name() {
      return "sqs";
    }

    @Override
    public ServiceModel model() {
      return MODEL;
    }

    @Override
    public void start(ServiceContext context) {}

    @Override
    public Map<String, OperationHandler> handlers() {
      return Map.of();
    }

    @Override
    public void reset() {}
  }
}
