package dev.fogbank.stepfunctions.asl.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.ErrorNames;
import dev.fogbank.stepfunctions.asl.StatesError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The intrinsic functions of the States Language
 * (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html). A failure is
 * {@code States.IntrinsicFailure}.
 */
public final class IntrinsicFunctions {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Set<String> NAMES = Set.of(
      "States.Format", "States.StringToJson", "States.JsonToString", "States.Array",
      "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem",
      "States.ArrayLength", "States.ArrayUnique", "States.Base64Encode", "States.Base64Decode",
      "States.Hash", "States.JsonMerge", "States.MathRandom", "States.MathAdd", "States.StringSplit",
      "States.UUID");
  /** AWS limits: ArrayRange yields at most 1000 items; Base64 inputs at most 10000 characters. */
  private static final int MAX_RANGE = 1000;
  private static final int MAX_BASE64 = 10000;

  private IntrinsicFunctions() {}

  static boolean exists(String name) {
    return NAMES.contains(name);
  }

  public static JsonNode evaluate(Intrinsic.Call call, Intrinsic.Paths paths) {
    String name = call.name();
    if (name.equals("States.Format")) {
      return format(call, paths);
    }
    List<JsonNode> a = new ArrayList<>();
    for (Intrinsic arg : call.args()) {
      a.add(value(arg, paths));
    }
    return switch (name) {
      case "States.StringToJson" -> {
        arity(call, a, 1);
        try {
          yield Json.MAPPER.readTree(text(call, a, 0));
        } catch (JsonProcessingException e) {
          throw failure("Invalid JSON string passed to " + name);
        }
      }
      case "States.JsonToString" -> {
        arity(call, a, 1);
        yield F.textNode(a.get(0).toString());
      }
      case "States.Array" -> {
        ArrayNode out = F.arrayNode();
        a.forEach(out::add);
        yield out;
      }
      case "States.ArrayPartition" -> {
        arity(call, a, 2);
        ArrayNode arr = array(call, a, 0);
        int size = integer(call, a, 1);
        if (size <= 0) {
          throw failure("Invalid chunk size " + size + " for States.ArrayPartition, must be greater than 0");
        }
        ArrayNode out = F.arrayNode();
        ArrayNode chunk = null;
        for (JsonNode e : arr) {
          if (chunk == null || chunk.size() == size) {
            chunk = out.addArray();
          }
          chunk.add(e);
        }
        yield out;
      }
      case "States.ArrayContains" -> {
        arity(call, a, 2);
        ArrayNode arr = array(call, a, 0);
        boolean found = false;
        for (JsonNode e : arr) {
          found |= e.equals(a.get(1));
        }
        yield F.booleanNode(found);
      }
      case "States.ArrayRange" -> {
        arity(call, a, 3);
        long start = integer(call, a, 0);
        long end = integer(call, a, 1);
        long step = integer(call, a, 2);
        if (step == 0) {
          throw failure("States.ArrayRange step must not be 0");
        }
        ArrayNode out = F.arrayNode();
        for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
          if (out.size() == MAX_RANGE) {
            throw failure("Function States.ArrayRange with arguments " + start + ", " + end + ", " + step
                + " exceeds the maximum allowed array size of " + MAX_RANGE);
          }
          out.add(number(i));
        }
        yield out;
      }
      case "States.ArrayGetItem" -> {
        arity(call, a, 2);
        ArrayNode arr = array(call, a, 0);
        int i = integer(call, a, 1);
        if (i < 0 || i >= arr.size()) {
          throw failure("Index " + i + " is out of bounds for the array of length " + arr.size());
        }
        yield arr.get(i);
      }
      case "States.ArrayLength" -> {
        arity(call, a, 1);
        yield F.numberNode(array(call, a, 0).size());
      }
      case "States.ArrayUnique" -> {
        arity(call, a, 1);
        Set<JsonNode> seen = new LinkedHashSet<>();
        array(call, a, 0).forEach(seen::add);
        ArrayNode out = F.arrayNode();
        seen.forEach(out::add);
        yield out;
      }
      case "States.Base64Encode" -> {
        arity(call, a, 1);
        String s = text(call, a, 0);
        if (s.length() > MAX_BASE64) {
          throw failure("The input string exceeds the maximum allowed length of " + MAX_BASE64 + " characters");
        }
        yield F.textNode(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
      }
      case "States.Base64Decode" -> {
        arity(call, a, 1);
        String s = text(call, a, 0);
        if (s.length() > MAX_BASE64) {
          throw failure("The input string exceeds the maximum allowed length of " + MAX_BASE64 + " characters");
        }
        try {
          yield F.textNode(new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw failure("Invalid base64 string passed to States.Base64Decode");
        }
      }
      case "States.Hash" -> {
        arity(call, a, 2);
        String algorithm = text(call, a, 1);
        String data = a.get(0).isTextual() ? a.get(0).asText() : a.get(0).toString();
        yield F.textNode(hash(data, algorithm));
      }
      case "States.JsonMerge" -> {
        arity(call, a, 3);
        if (!a.get(0).isObject() || !a.get(1).isObject()) {
          throw failure("States.JsonMerge expects two JSON objects");
        }
        if (!a.get(2).isBoolean() || a.get(2).asBoolean()) {
          // "Step Functions only supports the shallow merging mode"
          throw failure("States.JsonMerge only supports a shallow merge: the third argument must be false");
        }
        ObjectNode out = a.get(0).deepCopy();
        out.setAll((ObjectNode) a.get(1));
        yield out;
      }
      case "States.MathRandom" -> {
        if (a.size() != 2 && a.size() != 3) {
          throw arityFailure(call, "2 or 3", a.size());
        }
        int start = integer(call, a, 0);
        int end = integer(call, a, 1);
        if (end <= start) {
          throw failure("States.MathRandom: the end must be greater than the start");
        }
        Random random = a.size() == 3 ? new Random(integer(call, a, 2)) : ThreadLocalRandom.current();
        yield F.numberNode(start + random.nextInt(end - start));
      }
      case "States.MathAdd" -> {
        arity(call, a, 2);
        yield number((long) integer(call, a, 0) + integer(call, a, 1));
      }
      case "States.StringSplit" -> {
        arity(call, a, 2);
        StringTokenizer t = new StringTokenizer(text(call, a, 0), text(call, a, 1));
        ArrayNode out = F.arrayNode();
        while (t.hasMoreTokens()) {
          out.add(t.nextToken());
        }
        yield out;
      }
      case "States.UUID" -> {
        arity(call, a, 0);
        yield F.textNode(UUID.randomUUID().toString());
      }
      default -> throw failure("Unknown intrinsic function " + name);
    };
  }

  private static JsonNode number(long n) {
    return n == (int) n ? F.numberNode((int) n) : F.numberNode(n);
  }

  private static JsonNode value(Intrinsic arg, Intrinsic.Paths paths) {
    return switch (arg) {
      case Intrinsic.Literal l -> l.value().isTextual()
          ? F.textNode(l.value().asText().replace("\\{", "{").replace("\\}", "}"))
          : l.value();
      case Intrinsic.Path p -> paths.resolve(p.path());
      case Intrinsic.Call c -> evaluate(c, paths);
    };
  }

  /** {@code States.Format}: each unescaped {@code {}} takes the next argument, strings as-is. */
  private static JsonNode format(Intrinsic.Call call, Intrinsic.Paths paths) {
    if (call.args().isEmpty() || !(call.args().get(0) instanceof Intrinsic.Literal l) || !l.value().isTextual()) {
      throw failure("The first argument of States.Format must be a string literal");
    }
    String template = l.value().asText();
    List<JsonNode> args = new ArrayList<>();
    for (Intrinsic arg : call.args().subList(1, call.args().size())) {
      args.add(value(arg, paths));
    }
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '\\' && i + 1 < template.length() && (template.charAt(i + 1) == '{' || template.charAt(i + 1) == '}')) {
        out.append(template.charAt(++i));
      } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
        if (next >= args.size()) {
          throw failure("Number of arguments in the format string does not match the number of arguments provided");
        }
        JsonNode v = args.get(next++);
        if (v.isContainerNode()) {
          throw failure("States.Format arguments must be strings, numbers, booleans or null");
        }
        out.append(v.isTextual() ? v.asText() : v.toString());
        i++;
      } else {
        out.append(c);
      }
    }
    if (next != args.size()) {
      throw failure("Number of arguments in the format string does not match the number of arguments provided");
    }
    return F.textNode(out.toString());
  }

  private static String hash(String data, String algorithm) {
    String java = switch (algorithm) {
      case "MD5" -> "MD5";
      case "SHA-1" -> "SHA-1";
      case "SHA-256" -> "SHA-256";
      case "SHA-384" -> "SHA-384";
      case "SHA-512" -> "SHA-512";
      default -> throw failure("Invalid hash algorithm " + algorithm
          + ": the supported algorithms are MD5, SHA-1, SHA-256, SHA-384, SHA-512");
    };
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(java).digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void arity(Intrinsic.Call call, List<JsonNode> a, int n) {
    if (a.size() != n) {
      throw arityFailure(call, String.valueOf(n), a.size());
    }
  }

  private static StatesError arityFailure(Intrinsic.Call call, String expected, int got) {
    return failure("Function " + call.name() + " expects " + expected + " arguments, but " + got + " were given");
  }

  private static String text(Intrinsic.Call call, List<JsonNode> a, int i) {
    if (!a.get(i).isTextual()) {
      throw failure("Function " + call.name() + " expects argument " + (i + 1) + " to be a string");
    }
    return a.get(i).asText();
  }

  private static ArrayNode array(Intrinsic.Call call, List<JsonNode> a, int i) {
    if (!a.get(i).isArray()) {
      throw failure("Function " + call.name() + " expects argument " + (i + 1) + " to be an array");
    }
    return (ArrayNode) a.get(i);
  }

  private static int integer(Intrinsic.Call call, List<JsonNode> a, int i) {
    JsonNode n = a.get(i);
    if (!n.isNumber() || (!n.isIntegralNumber() && n.asDouble() != Math.rint(n.asDouble()))) {
      throw failure("Function " + call.name() + " expects argument " + (i + 1) + " to be an integer");
    }
    return n.asInt();
  }

  private static StatesError failure(String cause) {
    return new StatesError(ErrorNames.INTRINSIC_FAILURE, cause);
  }
}
