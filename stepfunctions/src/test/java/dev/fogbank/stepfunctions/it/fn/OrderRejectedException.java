package dev.fogbank.stepfunctions.it.fn;

/** The error a function throws: the Java runtime reports its class name as errorType. */
public class OrderRejectedException extends RuntimeException {

  public OrderRejectedException(String message) {
    super(message);
  }
}
