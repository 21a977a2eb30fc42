package dev.fogbank.cloudwatch.it.fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A Java function that appends each event it receives, one a line, to a file named after itself. */
public class Recorder implements RequestStreamHandler {

  public static Path file(String functionName) {
    return Path.of(System.getProperty("java.io.tmpdir"), "fogbank-cloudwatch-" + functionName + ".jsonl");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] event = input.readAllBytes();
    Files.write(file(context.getFunctionName()), (new String(event, java.nio.charset.StandardCharsets.UTF_8).replace("\n", "") + "\n").getBytes(),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
