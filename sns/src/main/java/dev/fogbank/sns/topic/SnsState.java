package dev.fogbank.sns.topic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SNS's resources in one account and region: topics (in ARN order, for stable paging),
 * subscriptions, platform applications and endpoints, SMS settings and the SMS messages "sent".
 */
public final class SnsState {

  public final Map<String, Topic> topics = new ConcurrentSkipListMap<>();
  public final Map<String, Subscription> subscriptions = new ConcurrentSkipListMap<>();
  /** Platform applications by ARN: their attributes. */
  public final Map<String, Map<String, String>> platformApplications = new ConcurrentSkipListMap<>();
  /** Platform endpoints by ARN: their attributes (Token, Enabled, CustomUserData). */
  public final Map<String, Map<String, String>> platformEndpoints = new ConcurrentSkipListMap<>();
  public final Map<String, String> smsAttributes = new ConcurrentHashMap<>();
  public final Map<String, Boolean> optedOut = new ConcurrentSkipListMap<>();
  public final Map<String, String> sandboxNumbers = new ConcurrentSkipListMap<>();
  /** Messages "sent" to SMS, email and application endpoints, for the admin endpoint. */
  public final List<ObjectNode> sent = new CopyOnWriteArrayList<>();
}
