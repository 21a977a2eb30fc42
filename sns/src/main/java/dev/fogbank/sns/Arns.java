package dev.fogbank.sns;

import dev.fogbank.core.engine.RequestContext;
import java.util.regex.Pattern;

/** SNS's ARNs and the checks SNS makes of the ones it is given. */
public final class Arns {

  /** "Topic names must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long." */
  private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  private Arns() {}

  public static String topic(String region, String account, String name) {
    return "arn:aws:sns:" + region + ":" + account + ":" + name;
  }

  public static boolean validTopicName(String name, boolean fifo) {
    if (fifo) {
      return name.length() <= 256 && name.endsWith(".fifo") && TOPIC_NAME.matcher(name.substring(0, name.length() - 5)).matches();
    }
    return TOPIC_NAME.matcher(name).matches();
  }

  /** A parsed ARN: {@code arn:partition:service:region:account:resource}. */
  public record Arn(String service, String region, String account, String resource) {}

  /**
   * Parses {@code arn} given as {@code parameter}; SNS answers a malformed one with {@code
   * Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not N}.
   */
  public static Arn parse(String arn, String parameter) {
    String value = arn == null ? "" : arn;
    String[] parts = value.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn")) {
      int count = value.split(":", -1).length;
      throw SnsErrors.invalidParameter(
          "Invalid parameter: " + parameter + " Reason: An ARN must have at least 6 elements, not " + count);
    }
    return new Arn(parts[2], parts[3], parts[4], parts[5]);
  }

  /** A topic ARN of the caller's region (SNS reports "Invalid parameter: TopicArn" for another region's). */
  public static Arn topicArn(RequestContext ctx, String arn) {
    Arn a = parse(arn, "TopicArn");
    if (!a.service().equals("sns") || !a.region().equals(ctx.region()) || a.resource().contains(":")) {
      throw SnsErrors.invalidParameter("Invalid parameter: TopicArn");
    }
    return a;
  }
}
