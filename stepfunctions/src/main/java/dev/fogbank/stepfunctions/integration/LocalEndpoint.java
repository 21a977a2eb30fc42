package dev.fogbank.stepfunctions.integration;

/**
 * Where this server listens, for the calls Step Functions makes through a service's HTTP API (S3):
 * the configured host and port, or, when the port was chosen at bind time (port 0), the port
 * learned from the Host header of the requests the server receives.
 */
public final class LocalEndpoint {

  private final String host;
  private volatile int port;

  public LocalEndpoint(String host, int port) {
    boolean wildcard = host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
    this.host = wildcard ? "127.0.0.1" : host;
    this.port = port;
  }

  /** Learns the port from a request's Host header ({@code localhost:54321}) if none was configured. */
  public void learn(String hostHeader) {
    if (port != 0 || hostHeader == null) {
      return;
    }
    int colon = hostHeader.lastIndexOf(':');
    if (colon > 0 && hostHeader.indexOf(']', colon) < 0) {
      try {
        port = Integer.parseInt(hostHeader.substring(colon + 1));
      } catch (NumberFormatException ignored) {
        // no port in the header: keep waiting for one that has it
      }
    }
  }

  String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + (port == 0 ? 4566 : port);
  }
}
