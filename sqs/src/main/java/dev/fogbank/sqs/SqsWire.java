package dev.fogbank.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

/**
 * The SQS model as both of SQS's wire protocols need it. The official model is the JSON 1.0 one;
 * the query protocol's names (from the 2012-11-05 query model: {@code Attribute.N.Name}, {@code
 * SendMessageBatchRequestEntry.N.Id}, {@code <Message>} elements…) are restored here, and three
 * model constraints that SQS itself does not enforce the way the generic validator would are
 * relaxed so that SQS's own checks answer instead:
 *
 * <ul>
 *   <li>{@code QueueUrl} may travel in the request path ({@code POST /<account>/<queue>}) in the
 *       query protocol, so it is checked by the handlers, not the validator;
 *   <li>{@code Entries} missing is SQS's {@code EmptyBatchRequest}, not {@code MissingParameter};
 *   <li>attribute-name enums: SQS answers {@code InvalidAttributeName}, and ReceiveMessage's
 *       deprecated {@code AttributeNames} carries message attribute names the enum lacks.
 * </ul>
 */
final class SqsWire {

  static final String MODEL = "sqs-2012-11-05";
  /** The query protocol's namespace (query model metadata.xmlNamespace). */
  static final String XML_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";

  private static final List<String> OPEN_ENUMS =
      List.of("QueueAttributeName", "MessageSystemAttributeName", "MessageSystemAttributeNameForSends");

  private SqsWire() {}

  static ServiceModel load() {
    String resource = "fogbank/models/" + MODEL + ".json";
    JsonNode root;
    try (InputStream in = SqsWire.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("service model " + resource + " is not on the class path");
      }
      root = Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ((ObjectNode) root.path("metadata")).put("xmlNamespace", XML_NAMESPACE);
    JsonNode shapes = root.path("shapes");
    for (Iterator<JsonNode> it = shapes.elements(); it.hasNext(); ) {
      JsonNode shape = it.next();
      if (shape.path("required") instanceof ArrayNode required) {
        for (int i = required.size() - 1; i >= 0; i--) {
          String name = required.get(i).asText();
          if (name.equals("QueueUrl") || name.equals("Entries")) {
            required.remove(i);
          }
        }
      }
    }
    for (String name : OPEN_ENUMS) {
      ((ObjectNode) shapes.path(name)).remove("enum");
    }
    ServiceModel model = ServiceModel.parse(root);
    queryNames(model);
    return model;
  }

  /** Wire names of the query protocol, as the 2012-11-05 query model (botocore) gives them. */
  private static void queryNames(ServiceModel model) {
    model
        .patch()
        // queue attributes and tags: Attribute.N.Name / Attribute.N.Value, Tag.N.Key / Tag.N.Value
        .queryName("CreateQueueRequest", "Attributes", "Attribute")
        .queryName("CreateQueueRequest", "tags", "Tag")
        .queryName("SetQueueAttributesRequest", "Attributes", "Attribute")
        .queryName("GetQueueAttributesResult", "Attributes", "Attribute")
        .mapEntryNames("QueueAttributeMap", "Name", "Value")
        .queryName("TagQueueRequest", "Tags", "Tag")
        .queryName("ListQueueTagsResult", "Tags", "Tag")
        .mapEntryNames("TagMap", "Key", "Value")
        .listMemberName("TagKeyList", "TagKey")
        .listMemberName("AttributeNameList", "AttributeName")
        .listMemberName("MessageAttributeNameList", "MessageAttributeName")
        .listMemberName("MessageSystemAttributeList", "MessageSystemAttributeName")
        // AddPermission: AWSAccountId.N, ActionName.N
        .listMemberName("AWSAccountIdList", "AWSAccountId")
        .listMemberName("ActionNameList", "ActionName")
        // message attributes: MessageAttribute.N.Name / .Value.StringValue / .Value.DataType
        .queryName("SendMessageRequest", "MessageAttributes", "MessageAttribute")
        .queryName("SendMessageRequest", "MessageSystemAttributes", "MessageSystemAttribute")
        .queryName("SendMessageBatchRequestEntry", "MessageAttributes", "MessageAttribute")
        .queryName("SendMessageBatchRequestEntry", "MessageSystemAttributes", "MessageSystemAttribute")
        .mapEntryNames("MessageBodyAttributeMap", "Name", "Value")
        .mapEntryNames("MessageBodySystemAttributeMap", "Name", "Value")
        .listMemberName("StringList", "StringListValue")
        .listMemberName("BinaryList", "BinaryListValue")
        // batch entries, named after the entry shape
        .listMemberName("SendMessageBatchRequestEntryList", "SendMessageBatchRequestEntry")
        .listMemberName("DeleteMessageBatchRequestEntryList", "DeleteMessageBatchRequestEntry")
        .listMemberName(
            "ChangeMessageVisibilityBatchRequestEntryList", "ChangeMessageVisibilityBatchRequestEntry")
        .listMemberName("SendMessageBatchResultEntryList", "SendMessageBatchResultEntry")
        .listMemberName("DeleteMessageBatchResultEntryList", "DeleteMessageBatchResultEntry")
        .listMemberName(
            "ChangeMessageVisibilityBatchResultEntryList", "ChangeMessageVisibilityBatchResultEntry")
        .listMemberName("BatchResultErrorEntryList", "BatchResultErrorEntry")
        // received messages: <Message> elements with <Attribute> and <MessageAttribute> entries
        .listMemberName("MessageList", "Message")
        .queryName("Message", "Attributes", "Attribute")
        .queryName("Message", "MessageAttributes", "MessageAttribute")
        .mapEntryNames("MessageSystemAttributeMap", "Name", "Value")
        .listMemberName("QueueUrlList", "QueueUrl")
        .listMemberName("ListMessageMoveTasksResultEntryList", "ListMessageMoveTasksResultEntry");
  }
}
