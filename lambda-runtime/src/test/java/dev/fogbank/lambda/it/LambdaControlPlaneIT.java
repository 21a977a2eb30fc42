package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/** Functions, versions, aliases, policies and tags through the SDK. */
class LambdaControlPlaneIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());

  static String versionCode(String v) {
    return "def handler(event, context):\n    return '" + v + "'\n";
  }

  private String create() {
    String name = Functions.uniqueName("cp");
    Functions.create(lambda, name, Runtime.PYTHON3_11, "app.handler", Packages.zip("app.py", versionCode("one")), b -> b.timeout(30));
    return name;
  }

  @Test
  void createAnswersPendingThenTheFunctionBecomesActive() {
    String name = Functions.uniqueName("cp");
    CreateFunctionResponse created =
        lambda.createFunction(
            b -> b.functionName(name).runtime(Runtime.PYTHON3_11).handler("app.handler").role(Functions.ROLE)
                .code(c -> c.zipFile(Packages.zip("app.py", versionCode("one")))));
    assertEquals(State.PENDING, created.state());
    assertEquals("arn:aws:lambda:us-east-1:000000000000:function:" + name, created.functionArn());
    assertEquals(3, created.timeout());
    assertEquals(128, created.memorySize());
    assertEquals("$LATEST", created.version());
    assertEquals(512, created.ephemeralStorage().size());
    Functions.waitActive(lambda, name);
    GetFunctionResponse got = lambda.getFunction(b -> b.functionName(name));
    assertEquals(State.ACTIVE, got.configuration().state());
    assertEquals("S3", got.code().repositoryType());
    assertEquals(created.codeSha256(), got.configuration().codeSha256());
  }

  @Test
  void functionNameAcceptsNamePartialArnAndFullArn() {
    String name = create();
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:" + name;
    assertEquals(arn, lambda.getFunctionConfiguration(b -> b.functionName(name)).functionArn());
    assertEquals(arn, lambda.getFunctionConfiguration(b -> b.functionName("000000000000:function:" + name)).functionArn());
    assertEquals(arn, lambda.getFunctionConfiguration(b -> b.functionName(arn)).functionArn());
  }

  @Test
  void missingFunctionIsResourceNotFoundWithItsArn() {
    ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName("nope")));
    assertEquals(404, e.statusCode());
    assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope", e.awsErrorDetails().errorMessage());
  }

  @Test
  void duplicateNameIsResourceConflict() {
    String name = create();
    ResourceConflictException e =
        assertThrows(
            ResourceConflictException.class,
            () -> lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_11).handler("app.handler").role(Functions.ROLE)
                .code(c -> c.zipFile(Packages.zip("app.py", "")))));
    assertEquals(409, e.statusCode());
    assertEquals("Function already exist: " + name, e.awsErrorDetails().errorMessage());
  }

  @Test
  void limitsAreEnforced() {
    String name = create();
    LambdaException memory = assertThrows(LambdaException.class, () -> lambda.updateFunctionConfiguration(b -> b.functionName(name).memorySize(64)));
    assertEquals("ValidationException", memory.awsErrorDetails().errorCode());
    LambdaException timeout = assertThrows(LambdaException.class, () -> lambda.updateFunctionConfiguration(b -> b.functionName(name).timeout(901)));
    assertEquals(400, timeout.statusCode());
    String big = "x".repeat(4100);
    InvalidParameterValueException env =
        assertThrows(InvalidParameterValueException.class,
            () -> lambda.updateFunctionConfiguration(b -> b.functionName(name).environment(e -> e.variables(Map.of("BIG", big)))));
    assertTrue(env.awsErrorDetails().errorMessage().contains("exceeded the 4KB limit"));
    InvalidParameterValueException zip =
        assertThrows(InvalidParameterValueException.class,
            () -> lambda.updateFunctionCode(b -> b.functionName(name).zipFile(SdkBytes.fromUtf8String("not a zip"))));
    assertEquals("Could not unzip uploaded file. Please check your file, then try to upload again.", zip.awsErrorDetails().errorMessage());
  }

  @Test
  void invalidJsonPayloadIsInvalidRequestContent() {
    String name = create();
    InvalidRequestContentException e =
        assertThrows(InvalidRequestContentException.class, () -> lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String("{oops"))));
    assertEquals(400, e.statusCode());
    // A fault deep inside an otherwise well-begun document is found too.
    InvalidRequestContentException nested =
        assertThrows(
            InvalidRequestContentException.class,
            () -> lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String("{\"a\": {\"b\": [1, 2,, 3]}}"))));
    assertTrue(nested.awsErrorDetails().errorMessage().startsWith("Could not parse request body into json: "), nested.getMessage());
  }

  @Test
  void publishedVersionIsAnImmutableSnapshot() {
    String name = create();
    PublishVersionResponse v1 = lambda.publishVersion(b -> b.functionName(name));
    assertEquals("1", v1.version());
    assertEquals("arn:aws:lambda:us-east-1:000000000000:function:" + name + ":1", v1.functionArn());
    // Publishing an unchanged $LATEST answers the same version.
    assertEquals("1", lambda.publishVersion(b -> b.functionName(name)).version());
    lambda.updateFunctionCode(b -> b.functionName(name).zipFile(Packages.zip("app.py", versionCode("two"))));
    Functions.waitUpdated(lambda, name);
    InvalidParameterValueException sha =
        assertThrows(InvalidParameterValueException.class, () -> lambda.publishVersion(b -> b.functionName(name).codeSha256(v1.codeSha256())));
    assertTrue(sha.awsErrorDetails().errorMessage().startsWith("CodeSHA256 ("));
    assertThrows(PreconditionFailedException.class, () -> lambda.publishVersion(b -> b.functionName(name).revisionId("stale")));
    assertEquals("2", lambda.publishVersion(b -> b.functionName(name)).version());
    InvokeResponse one = lambda.invoke(b -> b.functionName(name).qualifier("1"));
    assertEquals("\"one\"", Functions.text(one));
    assertEquals("1", one.executedVersion());
    assertEquals("\"two\"", Functions.text(lambda.invoke(b -> b.functionName(name))));
    List<FunctionConfiguration> versions = lambda.listVersionsByFunction(b -> b.functionName(name)).versions();
    assertEquals(List.of("$LATEST", "1", "2"), versions.stream().map(FunctionConfiguration::version).toList());
  }

  @Test
  void aliasRoutesByWeight() {
    String name = create();
    lambda.publishVersion(b -> b.functionName(name));
    lambda.updateFunctionCode(b -> b.functionName(name).zipFile(Packages.zip("app.py", versionCode("two"))));
    Functions.waitUpdated(lambda, name);
    lambda.publishVersion(b -> b.functionName(name));
    CreateAliasResponse live = lambda.createAlias(b -> b.functionName(name).name("live").functionVersion("1"));
    assertEquals("arn:aws:lambda:us-east-1:000000000000:function:" + name + ":live", live.aliasArn());
    assertEquals("\"one\"", Functions.text(lambda.invoke(b -> b.functionName(name).qualifier("live"))));
    // Weight 1 sends every invocation to the additional version; weight 0 none.
    lambda.updateAlias(b -> b.functionName(name).name("live").routingConfig(r -> r.additionalVersionWeights(Map.of("2", 1.0))));
    for (int i = 0; i < 3; i++) {
      InvokeResponse r = lambda.invoke(b -> b.functionName(name + ":live"));
      assertEquals("2", r.executedVersion());
      assertEquals("\"two\"", Functions.text(r));
    }
    lambda.updateAlias(b -> b.functionName(name).name("live").routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.0))));
    for (int i = 0; i < 3; i++) {
      assertEquals("1", lambda.invoke(b -> b.functionName(name).qualifier("live")).executedVersion());
    }
    assertEquals(1, lambda.listAliases(b -> b.functionName(name)).aliases().size());
    ResourceConflictException inUse =
        assertThrows(ResourceConflictException.class, () -> lambda.deleteFunction(b -> b.functionName(name).qualifier("1")));
    assertTrue(inUse.awsErrorDetails().errorMessage().contains("live"));
    lambda.deleteAlias(b -> b.functionName(name).name("live"));
    assertThrows(ResourceNotFoundException.class, () -> lambda.getAlias(b -> b.functionName(name).name("live")));
  }

  @Test
  void listFunctionsPagesWithMarker() {
    create();
    create();
    create();
    ListFunctionsResponse first = lambda.listFunctions(b -> b.maxItems(2));
    assertEquals(2, first.functions().size());
    ListFunctionsResponse rest = lambda.listFunctions(b -> b.marker(first.nextMarker()));
    assertFalse(rest.functions().isEmpty());
    assertNotEquals(first.functions().get(0).functionName(), rest.functions().get(0).functionName());
  }

  @Test
  void permissionsAndTags() {
    String name = create();
    String statement =
        lambda.addPermission(b -> b.functionName(name).statementId("s3").action("lambda:InvokeFunction").principal("s3.amazonaws.com")
            .sourceArn("arn:aws:s3:::bucket")).statement();
    assertTrue(statement.contains("\"Service\":\"s3.amazonaws.com\""), statement);
    assertThrows(ResourceConflictException.class,
        () -> lambda.addPermission(b -> b.functionName(name).statementId("s3").action("lambda:InvokeFunction").principal("s3.amazonaws.com")));
    assertTrue(lambda.getPolicy(b -> b.functionName(name)).policy().contains("\"Sid\":\"s3\""));
    lambda.removePermission(b -> b.functionName(name).statementId("s3"));
    assertThrows(ResourceNotFoundException.class, () -> lambda.getPolicy(b -> b.functionName(name)));
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:" + name;
    lambda.tagResource(b -> b.resource(arn).tags(Map.of("team", "blue", "env", "dev")));
    lambda.untagResource(b -> b.resource(arn).tagKeys("env"));
    assertEquals(Map.of("team", "blue"), lambda.listTags(b -> b.resource(arn)).tags());
    assertEquals(Map.of("team", "blue"), lambda.getFunction(b -> b.functionName(name)).tags());
  }

  @Test
  void deleteRemovesTheFunction() {
    String name = create();
    lambda.deleteFunction(b -> b.functionName(name));
    assertThrows(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName(name)));
    assertNull(lambda.listFunctions().functions().stream().filter(f -> f.functionName().equals(name)).findAny().orElse(null));
  }
}
