package dev.fogbank.sns;

import static dev.fogbank.sns.Inputs.stringMap;
import static dev.fogbank.sns.Inputs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.engine.OperationHandler;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.sns.topic.SnsState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * SMS settings, opt-outs and the SMS sandbox, accepted and recorded: no text message is ever
 * sent; published ones are listed by {@code GET /_fogbank/sns/sms}.
 */
final class SmsOperations {

  /** The attributes SetSMSAttributes takes (SetSMSAttributes API reference). */
  private static final Set<String> SMS_ATTRIBUTES =
      Set.of("MonthlySpendLimit", "DeliveryStatusIAMRole", "DeliveryStatusSuccessSamplingRate", "DefaultSenderID",
          "DefaultSMSType", "UsageReportS3Bucket");

  private final SnsEngine engine;

  SmsOperations(SnsEngine engine) {
    this.engine = engine;
  }

  void register(Map<String, OperationHandler> handlers) {
    handlers.put("SetSMSAttributes", this::setSmsAttributes);
    handlers.put("GetSMSAttributes", this::getSmsAttributes);
    handlers.put("CheckIfPhoneNumberIsOptedOut", this::checkIfPhoneNumberIsOptedOut);
    handlers.put("ListPhoneNumbersOptedOut", this::listPhoneNumbersOptedOut);
    handlers.put("OptInPhoneNumber", this::optInPhoneNumber);
    handlers.put("GetSMSSandboxAccountStatus", (ctx, in) -> Json.object().put("IsInSandbox", false));
    handlers.put("CreateSMSSandboxPhoneNumber", this::createSandboxNumber);
    handlers.put("DeleteSMSSandboxPhoneNumber", this::deleteSandboxNumber);
    handlers.put("VerifySMSSandboxPhoneNumber", this::verifySandboxNumber);
    handlers.put("ListSMSSandboxPhoneNumbers", this::listSandboxNumbers);
    handlers.put("ListOriginationNumbers", (ctx, in) -> {
      ObjectNode out = Json.object();
      out.putArray("PhoneNumbers");
      return out;
    });
  }

  private JsonNode setSmsAttributes(RequestContext ctx, ObjectNode in) {
    Map<String, String> attributes = stringMap(in, "attributes");
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (!SMS_ATTRIBUTES.contains(e.getKey())) {
        throw SnsErrors.invalidParameter("Invalid parameter: " + e.getKey());
      }
      if (e.getKey().equals("DefaultSMSType") && !Set.of("Promotional", "Transactional").contains(e.getValue())) {
        throw SnsErrors.invalidParameter("Invalid parameter: DefaultSMSType");
      }
    }
    engine.state(ctx).smsAttributes.putAll(attributes);
    return Json.object();
  }

  private JsonNode getSmsAttributes(RequestContext ctx, ObjectNode in) {
    SnsState state = engine.state(ctx);
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode names = in.get("attributes");
    if (names == null || names.isEmpty()) {
      out.putAll(state.smsAttributes);
    } else {
      names.forEach(n -> {
        String v = state.smsAttributes.get(n.asText());
        if (v != null) {
          out.put(n.asText(), v);
        }
      });
    }
    ObjectNode node = Json.object();
    ObjectNode map = node.putObject("attributes");
    out.forEach(map::put);
    return node;
  }

  private static String phone(JsonNode in, String member) {
    String phone = text(in, member);
    if (phone == null || !phone.matches("\\+?[0-9]{1,15}")) {
      throw SnsErrors.invalidParameter("Invalid parameter: PhoneNumber");
    }
    return phone;
  }

  private JsonNode checkIfPhoneNumberIsOptedOut(RequestContext ctx, ObjectNode in) {
    String phone = phone(in, "phoneNumber");
    return Json.object().put("isOptedOut", engine.state(ctx).optedOut.getOrDefault(phone, false));
  }

  private JsonNode listPhoneNumbersOptedOut(RequestContext ctx, ObjectNode in) {
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("phoneNumbers");
    engine.state(ctx).optedOut.forEach((k, v) -> {
      if (v) {
        list.add(k);
      }
    });
    return out;
  }

  private JsonNode optInPhoneNumber(RequestContext ctx, ObjectNode in) {
    engine.state(ctx).optedOut.put(phone(in, "phoneNumber"), false);
    return Json.object();
  }

  private JsonNode createSandboxNumber(RequestContext ctx, ObjectNode in) {
    engine.state(ctx).sandboxNumbers.put(text(in, "PhoneNumber"), "Pending");
    return Json.object();
  }

  private JsonNode deleteSandboxNumber(RequestContext ctx, ObjectNode in) {
    if (engine.state(ctx).sandboxNumbers.remove(text(in, "PhoneNumber")) == null) {
      throw SnsErrors.resourceNotFound("Phone number does not exist");
    }
    return Json.object();
  }

  private JsonNode verifySandboxNumber(RequestContext ctx, ObjectNode in) {
    String phone = text(in, "PhoneNumber");
    SnsState state = engine.state(ctx);
    if (!state.sandboxNumbers.containsKey(phone)) {
      throw SnsErrors.resourceNotFound("Phone number does not exist");
    }
    state.sandboxNumbers.put(phone, "Verified");
    return Json.object();
  }

  private JsonNode listSandboxNumbers(RequestContext ctx, ObjectNode in) {
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("PhoneNumbers");
    engine.state(ctx).sandboxNumbers.forEach((k, v) -> list.addObject().put("PhoneNumber", k).put("Status", v));
    return out;
  }
}
