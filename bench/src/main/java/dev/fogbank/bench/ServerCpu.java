package dev.fogbank.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server process's CPU time from {@code /proc/<pid>/stat}: user plus system time (fields 14 and
 * 15, see proc(5)), in clock ticks of {@code getconf CLK_TCK}. Read at the start and the end of the
 * measured window, it gives the CPU seconds the server spent on the measured calls.
 */
final class ServerCpu {

  private final Path stat;
  private final int ticksPerSecond;

  ServerCpu(long pid, int ticksPerSecond) {
    this.stat = Path.of("/proc", Long.toString(pid), "stat");
    this.ticksPerSecond = ticksPerSecond;
  }

  /** The process's utime + stime so far, in seconds. */
  double seconds() {
    String line;
    try {
      line = Files.readString(stat);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + stat + ": " + e.getMessage(), e);
    }
    // The command name (field 2) is in parentheses and may hold spaces; count fields after it.
    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(fields[11]);
    long stime = Long.parseLong(fields[12]);
    return (double) (utime + stime) / ticksPerSecond;
  }
}
