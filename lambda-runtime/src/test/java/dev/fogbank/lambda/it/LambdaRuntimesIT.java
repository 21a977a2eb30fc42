package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fogbank.testkit.FogbankExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Runtimes newer than the bundled model's enum are accepted, as real Lambda accepts them. */
class LambdaRuntimesIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());

  private CreateFunctionResponse create(String name, String runtime, String handler, SdkBytes zip) {
    CreateFunctionResponse created =
        lambda.createFunction(
            b -> b.functionName(name).runtime(runtime).handler(handler).role(Functions.ROLE).code(c -> c.zipFile(zip)));
    Functions.waitActive(lambda, name);
    return created;
  }

  @Test
  void python313FunctionIsCreatedAndRuns() {
    String name = Functions.uniqueName("py313");
    CreateFunctionResponse created =
        create(name, "python3.13", "app.handler", Packages.zip("app.py", "def handler(event, context):\n    return 'ok'\n"));
    assertEquals("python3.13", created.runtimeAsString());
    InvokeResponse r = lambda.invoke(i -> i.functionName(name));
    assertNull(r.functionError(), Functions.text(r));
    assertEquals("\"ok\"", Functions.text(r));
  }

  @Test
  void nodejs22FunctionIsCreatedAndMovedToNodejs24() {
    String name = Functions.uniqueName("node22");
    create(name, "nodejs22.x", "index.handler", Packages.zip("index.mjs", "export const handler = async () => 7;\n"));
    InvokeResponse r = lambda.invoke(i -> i.functionName(name));
    assertEquals("7", Functions.text(r));
    lambda.updateFunctionConfiguration(u -> u.functionName(name).runtime("nodejs24.x"));
    Functions.waitUpdated(lambda, name);
    assertEquals("nodejs24.x", lambda.getFunctionConfiguration(g -> g.functionName(name)).runtimeAsString());
  }

  @Test
  void unknownRuntimeAnswersLambdasEnumError() {
    InvalidParameterValueException e =
        assertThrows(
            InvalidParameterValueException.class,
            () ->
                lambda.createFunction(
                    b ->
                        b.functionName(Functions.uniqueName("bad"))
                            .runtime("python9.9")
                            .handler("app.handler")
                            .role(Functions.ROLE)
                            .code(c -> c.zipFile(Packages.zip("app.py", "")))));
    // Lambda's wording: "Value nodejs12.xa at 'runtime' failed to satisfy constraint: Member must
    // satisfy enum value set: [...] or be a valid ARN"
    String message = e.awsErrorDetails().errorMessage();
    assertTrue(
        message.startsWith("Value python9.9 at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: ["),
        message);
    assertTrue(message.contains("java25") && message.contains("python3.13") && message.endsWith("] or be a valid ARN"), message);
    assertEquals(400, e.statusCode());
  }
}
