package dev.fogbank.app;

import picocli.CommandLine.Command;

/** {@code fogbank operations}: prints the supported-operations table the README carries. */
@Command(
    name = "operations",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Print the table of supported operations per service (Markdown).")
final class OperationsCommand implements Runnable {

  @Override
  public void run() {
    System.out.print(OperationsTable.markdown());
  }
}
