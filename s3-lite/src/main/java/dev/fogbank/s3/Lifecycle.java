package dev.fogbank.s3;

import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.Protocol;
import dev.fogbank.core.time.Scheduler;
import dev.fogbank.s3.store.Bucket;
import dev.fogbank.s3.store.DataDirectory;
import dev.fogbank.s3.store.MultipartUpload;
import dev.fogbank.s3.store.S3Object;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Lifecycle expiration on the emulator's clock
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html):
 * an hourly sweep applies each enabled rule's Expiration (Days — counted to the next midnight UTC
 * after creation — or Date), NoncurrentVersionExpiration and AbortIncompleteMultipartUpload to
 * the keys its Filter (prefix, tags) selects. Transitions are stored, not applied.
 */
final class Lifecycle {

  private static final long DAY = Duration.ofDays(1).toMillis();

  record Rule(String prefix, Map<String, String> tags, Integer days, Long date, Integer noncurrentDays, Integer abortDays) {

    boolean selects(S3Object o) {
      if (prefix != null && !o.key().startsWith(prefix)) {
        return false;
      }
      return tags.entrySet().stream().allMatch(t -> t.getValue().equals(o.tags().get(t.getKey())));
    }
  }

  private final S3Engine engine;
  private final Scheduler scheduler;

  Lifecycle(S3Engine engine, Scheduler scheduler) {
    this.engine = engine;
    this.scheduler = scheduler;
  }

  void start() {
    scheduler.schedule(Duration.ofHours(1), this::sweepAndReschedule);
  }

  private void sweepAndReschedule() {
    try {
      sweep();
    } finally {
      scheduler.schedule(Duration.ofHours(1), this::sweepAndReschedule);
    }
  }

  static List<Rule> rules(byte[] config) {
    List<Rule> rules = new ArrayList<>();
    if (config == null) {
      return rules;
    }
    Element root = Xml.parse(config);
    for (Element r : Xml.children(root, "Rule")) {
      if (!"Enabled".equals(Xml.text(r, "Status"))) {
        continue;
      }
      String prefix = Xml.text(r, "Prefix");
      Map<String, String> tags = new LinkedHashMap<>();
      Element filter = Xml.child(r, "Filter");
      if (filter != null) {
        Element and = Xml.child(filter, "And");
        Element scope = and != null ? and : filter;
        if (Xml.text(scope, "Prefix") != null) {
          prefix = Xml.text(scope, "Prefix");
        }
        for (Element tag : Xml.children(scope, "Tag")) {
          tags.put(Xml.text(tag, "Key"), Xml.text(tag, "Value"));
        }
      }
      Element expiration = Xml.child(r, "Expiration");
      Integer days = integer(Xml.text(expiration, "Days"));
      String dateText = Xml.text(expiration, "Date");
      Long date = dateText == null ? null : Instant.parse(dateText.endsWith("Z") ? dateText : dateText + "Z").toEpochMilli();
      Integer noncurrent = integer(Xml.text(Xml.child(r, "NoncurrentVersionExpiration"), "NoncurrentDays"));
      Integer abort = integer(Xml.text(Xml.child(r, "AbortIncompleteMultipartUpload"), "DaysAfterInitiation"));
      rules.add(new Rule(prefix == null || prefix.isEmpty() ? null : prefix, tags, days, date, noncurrent, abort));
    }
    return rules;
  }

  private static Integer integer(String s) {
    return s == null ? null : Integer.valueOf(s);
  }

  /** The moment an object created at {@code created} expires after {@code days}: the following midnight UTC. */
  static long expiry(long created, int days) {
    LocalDate day = Instant.ofEpochMilli(created + days * DAY).atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  void sweep() {
    long now = engine.now();
    for (Bucket bucket : engine.buckets.values()) {
      List<Rule> rules;
      try {
        rules = rules(bucket.configs().get("lifecycle"));
      } catch (S3Exception e) {
        continue;
      }
      if (rules.isEmpty()) {
        continue;
      }
      RequestContext ctx = new RequestContext("lifecycle", bucket.account(), bucket.region(), "localhost", Protocol.REST_XML, null, engine.clock);
      for (Rule rule : rules) {
        apply(ctx, bucket, rule, now);
      }
    }
  }

  private void apply(RequestContext ctx, Bucket bucket, Rule rule, long now) {
    for (Map.Entry<String, List<S3Object>> e : new ArrayList<>(bucket.objects().entrySet())) {
      List<S3Object> versions = e.getValue();
      S3Object current = versions.get(0);
      if (!current.deleteMarker() && rule.selects(current)) {
        boolean expired = (rule.days() != null && now >= expiry(current.lastModified(), rule.days()))
            || (rule.date() != null && now >= rule.date());
        if (expired) {
          engine.deleteObject(ctx, bucket, current.key(), null, "LifecycleExpiration");
        }
      }
      if (rule.noncurrentDays() != null) {
        for (int i = 1; i < versions.size(); i++) {
          S3Object v = versions.get(i);
          long noncurrentSince = versions.get(i - 1).lastModified();
          if ((rule.prefix() == null || v.key().startsWith(rule.prefix())) && now >= expiry(noncurrentSince, rule.noncurrentDays())) {
            S3Object removed = bucket.removeVersion(v.key(), v.versionId());
            if (removed != null) {
              DataDirectory.delete(removed.file());
            }
          }
        }
      }
    }
    if (rule.abortDays() != null) {
      for (MultipartUpload upload : new ArrayList<>(bucket.uploads().values())) {
        if ((rule.prefix() == null || upload.key().startsWith(rule.prefix())) && now >= expiry(upload.initiated(), rule.abortDays())
            && bucket.uploads().remove(upload.uploadId(), upload)) {
          engine.discardUpload(upload);
        }
      }
    }
  }
}
