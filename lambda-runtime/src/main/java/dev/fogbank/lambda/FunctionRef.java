package dev.fogbank.lambda;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as a caller names it: a bare name ({@code my-function}), a partial ARN ({@code
 * 123456789012:function:my-function}) or a full ARN ({@code
 * arn:aws:lambda:us-east-1:123456789012:function:my-function}), each optionally with a
 * {@code :qualifier} (a version or an alias), as the {@code FunctionName} parameter of every
 * Lambda operation accepts.
 *
 * @param qualifier the version or alias, or null for the unqualified function
 */
public record FunctionRef(String name, String qualifier) {

  // The model's FunctionName pattern, with groups for what Lambda reads out of it.
  private static final Pattern FORM =
      Pattern.compile(
          "(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:([a-z]{2}(?:-gov)?-[a-z]+-\\d):)?(?:(\\d{12}):)?(?:function:)?"
              + "([a-zA-Z0-9-_.]+)(?::(\\$LATEST|[a-zA-Z0-9-_]+))?");

  public static final String LATEST = "$LATEST";

  /**
   * Reads a {@code FunctionName} parameter together with an optional {@code Qualifier} parameter;
   * a qualifier in both places must agree, and an ARN must be this account's and region's.
   */
  public static FunctionRef parse(String functionName, String qualifierParam, String account, String region) {
    Matcher m = FORM.matcher(functionName == null ? "" : functionName);
    if (!m.matches()) {
      throw LambdaErrors.invalidParameter("Invalid function name: " + functionName);
    }
    if (m.group(1) != null && !m.group(1).equals(region)) {
      throw LambdaErrors.invalidParameter(
          "Functions from '" + m.group(1) + "' are not reachable in this region ('" + region + "')");
    }
    if (m.group(2) != null && !m.group(2).equals(account)) {
      throw LambdaErrors.invalidParameter("The account ID in the ARN does not match the caller's account.");
    }
    String qualifier = m.group(4);
    if (qualifierParam != null && !qualifierParam.isEmpty()) {
      if (qualifier != null && !qualifier.equals(qualifierParam)) {
        throw LambdaErrors.invalidParameter(
            "The derived qualifier from the function name does not match the specified qualifier.");
      }
      qualifier = qualifierParam;
    }
    return new FunctionRef(m.group(3), qualifier);
  }

  public static String arn(String region, String account, String name) {
    return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
  }

  public static String arn(String region, String account, String name, String qualifier) {
    return qualifier == null ? arn(region, account, name) : arn(region, account, name) + ":" + qualifier;
  }

  public String arn(String region, String account) {
    return arn(region, account, name, qualifier);
  }
}
