package dev.fogbank.core.engine;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.core.error.CommonErrors;
import dev.fogbank.core.model.ServiceModel;
import dev.fogbank.core.protocol.AwsRequest;
import dev.fogbank.core.protocol.InputValidator;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.protocol.ProtocolCodec;
import dev.fogbank.core.protocol.Violation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service Fogbank emulates, found through {@link java.util.ServiceLoader}. The module names its
 * model and maps operation names to handlers; the server does the wire.
 */
public interface ServiceModule {

  /** The service's name as users and SigV4 scopes say it: {@code sqs}, {@code dynamodb}. */
  String name();

  /** The service model, loaded once (and patched with any wire names the model lacks). */
  ServiceModel model();

  /** The protocols this service answers; the model's own unless the service kept older ones. */
  default Set<Protocol> protocols() {
    ServiceModel.Metadata md = model().metadata();
    return Set.of(Protocol.of(md.protocol(), md.jsonVersion()));
  }

  /**
   * This service's own codec for a protocol, or null for the generic model-driven one: a
   * configured generic codec ({@code new RestJsonCodec(model()).payloadContentType(…)}) or a
   * hand-written surface (S3's REST-XML).
   */
  default ProtocolCodec codec(Protocol protocol) {
    return null;
  }

  /** Called once before the server accepts requests. */
  void start(ServiceContext context);

  /** Handlers by operation name; an operation of the model missing here answers NotImplemented. */
  Map<String, OperationHandler> handlers();

  /** Drops every resource of every account and region. */
  void reset();

  /**
   * Whether an operation may wait — a long poll, a function invocation, a synchronous execution.
   * Those run on a virtual thread; the others may run on the event loop that read the request,
   * which saves two thread hand-offs per request. When in doubt, true.
   */
  default boolean mayBlock(String operation) {
    return true;
  }

  /** Called once when the emulator stops: end processes and release what the service holds. */
  default void stop() {}

  /**
   * Whether this service serves a request that no protocol marker (target header, Action,
   * credential scope) assigned: its own paths or hosts.
   */
  default boolean claims(AwsRequest request) {
    return false;
  }

  /**
   * Whether this service reads the body of a request as it arrives instead of aggregated in
   * memory ({@link AwsRequest#bodyStream()}): S3 objects of any size. {@code head} carries the
   * method, URI and headers, and an empty body.
   */
  default boolean streamsRequestBody(AwsRequest head) {
    return false;
  }

  /** The error that reports invalid input; Coral's ValidationException unless the service differs. */
  default AwsException validationError(Protocol protocol, List<Violation> violations) {
    return CommonErrors.validation(InputValidator.summary(violations));
  }

  /**
   * The {@code __type} of a JSON error: the bare code by default; some services qualify it with
   * their namespace ({@code com.amazonaws.sqs#QueueDoesNotExist}).
   */
  default String jsonErrorType(AwsException error) {
    return error.code();
  }

  /** A short state for the health endpoint: {@code running}. */
  default String state() {
    return "running";
  }
}
