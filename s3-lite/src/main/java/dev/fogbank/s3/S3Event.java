package dev.fogbank.s3;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * "An object was created or removed", on the event bus: the bucket's account and region, the
 * event name as S3 notifications name it ({@code ObjectCreated:Put}, {@code
 * ObjectRemoved:DeleteMarkerCreated}) and the notification record in S3's exact shape.
 */
public sealed interface S3Event {

  String account();

  String region();

  String bucket();

  String key();

  String eventName();

  /** One element of the {@code Records} array of an S3 event message (eventVersion 2.1). */
  ObjectNode record();

  record ObjectCreated(String account, String region, String bucket, String key, String eventName, ObjectNode record)
      implements S3Event {}

  record ObjectRemoved(String account, String region, String bucket, String key, String eventName, ObjectNode record)
      implements S3Event {}
}
