package dev.fogbank.stepfunctions.it.fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A Java function that fails with its own exception type. */
public class Reject implements RequestHandler<Map<String, Object>, String> {

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    throw new OrderRejectedException("order " + event.get("order") + " rejected");
  }
}
