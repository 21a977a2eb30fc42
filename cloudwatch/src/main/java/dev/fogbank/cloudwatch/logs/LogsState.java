package dev.fogbank.cloudwatch.logs;

import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The log groups of one account and region. */
final class LogsState {

  final String account;
  final String region;
  final ConcurrentSkipListMap<String, LogGroup> groups = new ConcurrentSkipListMap<>();
  final AtomicLong sequence = new AtomicLong();
  final java.util.Map<String, QueryOperations.Query> queries = new java.util.concurrent.ConcurrentHashMap<>();

  LogsState(String account, String region) {
    this.account = account;
    this.region = region;
  }

  /** {@code arn:aws:logs:<region>:<account>:log-group:<name>}, without the trailing {@code :*}. */
  String groupArn(String name) {
    return "arn:aws:logs:" + region + ":" + account + ":log-group:" + name;
  }

  String streamArn(String group, String stream) {
    return groupArn(group) + ":log-stream:" + stream;
  }
}
