package dev.fogbank.apigw.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One account's API Gateway resources in one region. */
public final class ApiGatewayState {

  public final String account;
  public final String region;
  public final Map<String, RestApi> apis = new ConcurrentHashMap<>();
  public final Map<String, ObjectNode> apiKeys = new ConcurrentHashMap<>();
  public final Map<String, ObjectNode> usagePlans = new ConcurrentHashMap<>();
  /** Usage plan id → key id → the model's UsagePlanKey shape. */
  public final Map<String, Map<String, ObjectNode>> usagePlanKeys = new ConcurrentHashMap<>();
  public final Map<String, ObjectNode> domainNames = new ConcurrentHashMap<>();
  /** Domain name → base path → the model's BasePathMapping shape. */
  public final Map<String, Map<String, ObjectNode>> basePathMappings = new ConcurrentHashMap<>();
  /** Resource ARN → tags. */
  public final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();

  public ApiGatewayState(String account, String region) {
    this.account = account;
    this.region = region;
  }
}
