package dev.fogbank.stepfunctions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step Functions ARNs: {@code arn:aws:states:<region>:<account>:stateMachine:<name>[:<version|alias>]},
 * {@code …:execution:<machine>:<name>}, {@code …:express:<machine>:<name>:<id>},
 * {@code …:activity:<name>}; and the names they carry.
 */
public final class Arns {

  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-z-]*:states:([a-z0-9-]+):(\\d{12}):([a-zA-Z]+):(.+)");
  /** Characters AWS refuses in names: whitespace, brackets, wildcards, specials, control characters. */
  private static final Pattern BAD_NAME = Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\u0000-\\u001f\\u007f-\\u009f]");

  /** A parsed ARN. */
  public record Parsed(String region, String account, String type, String rest) {}

  private Arns() {}

  public static Parsed parse(String arn, String... types) {
    if (arn == null) {
      throw SfnErrors.invalidArn("Invalid ARN prefix: null");
    }
    Matcher m = ARN.matcher(arn);
    if (!m.matches()) {
      throw SfnErrors.invalidArn("Invalid ARN prefix: " + arn);
    }
    Parsed p = new Parsed(m.group(1), m.group(2), m.group(3), m.group(4));
    for (String t : types) {
      if (t.equals(p.type)) {
        return p;
      }
    }
    throw SfnErrors.invalidArn("Resource type not valid in this context: " + p.type);
  }

  public static String stateMachine(String region, String account, String name) {
    return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
  }

  public static String execution(String region, String account, String machine, String name) {
    return "arn:aws:states:" + region + ":" + account + ":execution:" + machine + ":" + name;
  }

  public static String express(String region, String account, String machine, String name, String id) {
    return "arn:aws:states:" + region + ":" + account + ":express:" + machine + ":" + name + ":" + id;
  }

  public static String activity(String region, String account, String name) {
    return "arn:aws:states:" + region + ":" + account + ":activity:" + name;
  }

  /** Names of state machines, executions, activities: 1–80 characters, none of the refused ones. */
  public static void checkName(String name) {
    if (name == null || name.isEmpty() || name.length() > 80 || BAD_NAME.matcher(name).find()) {
      throw SfnErrors.invalidName(name);
    }
  }
}
