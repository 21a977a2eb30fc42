package dev.fogbank.stepfunctions.it.fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Java function that answers its event and its own name: what a Lambda task passed and which function ran. */
public class Echo implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("event", event);
    out.put("function", context.getFunctionName());
    return out;
  }
}
