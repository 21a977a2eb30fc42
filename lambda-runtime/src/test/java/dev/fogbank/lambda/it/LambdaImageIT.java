package dev.fogbank.lambda.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fogbank.testkit.FogbankExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.PackageType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * {@code PackageType: Image} functions: stored as Lambda stores them; run only by an executor that
 * takes images (the docker module's), which this module's tests do not have.
 */
class LambdaImageIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.create();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IMAGE = "000000000000.dkr.ecr.us-east-1.amazonaws.com/hello:latest";

  private final LambdaClient lambda = fogbank.client(LambdaClient.builder());

  private String createImageFunction() {
    String name = Functions.uniqueName("img");
    lambda.createFunction(
        b -> b.functionName(name)
            .role(Functions.ROLE)
            .packageType(PackageType.IMAGE)
            .code(c -> c.imageUri(IMAGE))
            .imageConfig(i -> i.command("app.handler").workingDirectory("/var/task")));
    Functions.waitActive(lambda, name);
    return name;
  }

  @Test
  void anImageFunctionIsStoredWithItsImageAndNoRuntimeOrHandler() {
    String name = createImageFunction();
    GetFunctionResponse got = lambda.getFunction(r -> r.functionName(name));
    assertEquals("ECR", got.code().repositoryType());
    assertEquals(IMAGE, got.code().imageUri());
    // ResolvedImageUri names the image by digest, the digest Lambda reports as CodeSha256.
    assertEquals(
        "000000000000.dkr.ecr.us-east-1.amazonaws.com/hello@sha256:" + got.configuration().codeSha256(),
        got.code().resolvedImageUri());
    assertNull(got.code().location());
    FunctionConfiguration c = got.configuration();
    assertEquals(PackageType.IMAGE, c.packageType());
    assertNull(c.runtime());
    assertNull(c.handler());
    assertEquals(0L, c.codeSize());
    assertEquals(64, c.codeSha256().length());
    assertEquals(List.of("app.handler"), c.imageConfigResponse().imageConfig().command());
    assertEquals("/var/task", c.imageConfigResponse().imageConfig().workingDirectory());
  }

  @Test
  void aDigestInTheUriIsTheCodeSha256() {
    String digest = "a".repeat(64);
    String name = Functions.uniqueName("img");
    CreateFunctionResponse created =
        lambda.createFunction(
            b -> b.functionName(name)
                .role(Functions.ROLE)
                .packageType(PackageType.IMAGE)
                .code(c -> c.imageUri("000000000000.dkr.ecr.us-east-1.amazonaws.com/hello@sha256:" + digest)));
    assertEquals(digest, created.codeSha256());
  }

  @Test
  void invokingWithoutAnExecutorForImagesAnswersThatTheFunctionCannotStart() throws Exception {
    String name = createImageFunction();
    InvokeResponse r = lambda.invoke(i -> i.functionName(name).payload(SdkBytes.fromUtf8String("{}")));
    assertEquals(200, r.statusCode());
    assertEquals("Unhandled", r.functionError());
    JsonNode error = JSON.readTree(Functions.text(r));
    // Lambda's error when an execution environment cannot start the function.
    assertEquals("Runtime.InvalidEntrypoint", error.path("errorType").asText());
    String message = error.path("errorMessage").asText();
    assertTrue(message.contains("FOGBANK_LAMBDA_EXECUTOR=docker") && message.contains("Docker engine"), message);
  }

  @Test
  void imageFunctionsRefuseRuntimeHandlerAndLayers() {
    // AWS's wording for an Image function given zip-only settings.
    InvalidParameterValueException e =
        assertThrows(
            InvalidParameterValueException.class,
            () -> lambda.createFunction(
                b -> b.functionName(Functions.uniqueName("img"))
                    .role(Functions.ROLE)
                    .packageType(PackageType.IMAGE)
                    .runtime(Runtime.PYTHON3_12)
                    .handler("app.handler")
                    .code(c -> c.imageUri(IMAGE))));
    assertEquals(
        "Please don't provide Handler or Runtime or Layer when the intended function PackageType is Image.",
        e.awsErrorDetails().errorMessage());

    String name = createImageFunction();
    InvalidParameterValueException update =
        assertThrows(
            InvalidParameterValueException.class,
            () -> lambda.updateFunctionConfiguration(r -> r.functionName(name).handler("other.handler")));
    assertEquals(e.awsErrorDetails().errorMessage(), update.awsErrorDetails().errorMessage());
  }

  @Test
  void theImageAndTheZipFormsDoNotMix() {
    InvalidParameterValueException noUri =
        assertThrows(
            InvalidParameterValueException.class,
            () -> lambda.createFunction(
                b -> b.functionName(Functions.uniqueName("img"))
                    .role(Functions.ROLE)
                    .packageType(PackageType.IMAGE)
                    .code(c -> c.zipFile(Packages.zip("app.py", "def handler(e, c):\n  return 1\n")))));
    assertEquals("Please provide ImageUri when the intended function PackageType is Image.", noUri.awsErrorDetails().errorMessage());

    String image = createImageFunction();
    InvalidParameterValueException zipOnImage =
        assertThrows(
            InvalidParameterValueException.class,
            () -> lambda.updateFunctionCode(r -> r.functionName(image).zipFile(Packages.zip("app.py", "x = 1\n"))));
    assertEquals("Please provide ImageUri when updating a function with packageType Image.", zipOnImage.awsErrorDetails().errorMessage());

    String zip = Functions.uniqueName("zip");
    Functions.create(lambda, zip, Runtime.PYTHON3_12, "app.handler", Packages.zip("app.py", "x = 1\n"), b -> {});
    InvalidParameterValueException imageOnZip =
        assertThrows(InvalidParameterValueException.class, () -> lambda.updateFunctionCode(r -> r.functionName(zip).imageUri(IMAGE)));
    assertEquals("Please don't provide ImageUri when updating a function with packageType Zip.", imageOnZip.awsErrorDetails().errorMessage());
  }

  @Test
  void updateFunctionCodeChangesTheImage() {
    String name = createImageFunction();
    String other = "000000000000.dkr.ecr.us-east-1.amazonaws.com/hello:v2";
    var updated = lambda.updateFunctionCode(r -> r.functionName(name).imageUri(other));
    Functions.waitUpdated(lambda, name);
    assertEquals(PackageType.IMAGE, updated.packageType());
    assertEquals(other, lambda.getFunction(r -> r.functionName(name)).code().imageUri());
  }
}
