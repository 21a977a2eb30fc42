package dev.fogbank.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.lambda.function.Alias;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionRefTest {

  private static FunctionRef parse(String name, String qualifier) {
    return FunctionRef.parse(name, qualifier, "123456789012", "us-east-1");
  }

  @Test
  void readsNamesPartialAndFullArns() {
    assertEquals(new FunctionRef("fn", null), parse("fn", null));
    assertEquals(new FunctionRef("fn", "live"), parse("123456789012:function:fn:live", null));
    assertEquals(new FunctionRef("fn", "3"), parse("arn:aws:lambda:us-east-1:123456789012:function:fn:3", null));
    assertEquals(new FunctionRef("fn", "$LATEST"), parse("fn", "$LATEST"));
    assertNull(parse("arn:aws:lambda:us-east-1:123456789012:function:fn", null).qualifier());
  }

  @Test
  void conflictingQualifiersAndForeignArnsAreInvalid() {
    AwsException e = assertThrows(AwsException.class, () -> parse("fn:1", "2"));
    assertEquals("InvalidParameterValueException", e.code());
    assertThrows(AwsException.class, () -> parse("arn:aws:lambda:eu-west-1:123456789012:function:fn", null));
  }

  @Test
  void aliasRoutesByCumulativeWeight() {
    Alias alias = new Alias("live", "1", "", Map.of("2", 0.25), "r");
    assertEquals("2", alias.route(0.0));
    assertEquals("2", alias.route(0.2499));
    assertEquals("1", alias.route(0.25));
    assertEquals("1", alias.route(0.99));
  }
}
