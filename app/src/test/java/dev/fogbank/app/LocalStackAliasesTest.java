package dev.fogbank.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalStackAliasesTest {

  private static final Set<String> KNOWN = Set.of("sqs", "sns", "lambda", "states", "dynamodb", "s3");

  @Test
  void servicesUseFogbanksNamesAndDropTheUnknown() {
    List<String> dropped = new ArrayList<>();
    LocalStackAliases aliases = new LocalStackAliases(Map.of("SERVICES", " SQS, stepfunctions,iam,sqs ,"));
    assertEquals(List.of("sqs", "states"), aliases.services(KNOWN, dropped));
    assertEquals(List.of("iam"), dropped);
  }

  @Test
  void unsetOrBlankVariablesGiveNothing() {
    LocalStackAliases aliases = new LocalStackAliases(Map.of("DEBUG", "0", "AWS_DEFAULT_REGION", " "));
    assertNull(aliases.services(KNOWN, new ArrayList<>()));
    assertNull(aliases.logLevel());
    assertNull(aliases.region());
    assertNull(aliases.port());
    assertEquals(false, aliases.persistence());
  }

  @Test
  void debugRegionPersistenceAndThePortOfLocalstackHost() {
    LocalStackAliases aliases =
        new LocalStackAliases(
            Map.of("DEBUG", "1", "AWS_DEFAULT_REGION", "eu-west-2", "PERSISTENCE", "1", "LOCALSTACK_HOST", "localhost.localstack.cloud:4510"));
    assertEquals("debug", aliases.logLevel());
    assertEquals("eu-west-2", aliases.region());
    assertEquals(true, aliases.persistence());
    assertEquals(4510, aliases.port());
    assertNull(new LocalStackAliases(Map.of("LOCALSTACK_HOST", "localhost")).port());
  }
}
