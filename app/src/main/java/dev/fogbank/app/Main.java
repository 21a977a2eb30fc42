package dev.fogbank.app;

import dev.fogbank.core.Version;
import dev.fogbank.core.engine.ServiceRegistry;
import dev.fogbank.core.server.EmulatorServer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fogbank <command>}: the command line. */
@Command(
    name = "fogbank",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "A local AWS serverless emulator: one process, one port, the real AWS wire protocols.",
    subcommands = {StartCommand.class, OperationsCommand.class, TrainCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("start")) {
      // Logging starts here, on this thread, before the threads below log: SLF4J hands out
      // stand-in loggers to threads that ask while it initialises.
      LoggerFactory.getILoggerFactory();
      // Netty's start-up and loading the services overlap with parsing the command line.
      EmulatorServer.prepareEventLoops();
      ServiceRegistry.preload();
    }
    int code = new CommandLine(new Main()).execute(args);
    if (code != 0 || !StartCommand.isServing()) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use 'fogbank start'");
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"fogbank " + Version.get()};
    }
  }
}
