package dev.fogbank.s3;

/**
 * S3's errors with the codes, statuses and messages of the S3 error-code list
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList).
 */
public final class S3Errors {

  private S3Errors() {}

  public static S3Exception noSuchBucket(String bucket) {
    return new S3Exception("NoSuchBucket", "The specified bucket does not exist", 404).with("BucketName", bucket);
  }

  public static S3Exception noSuchKey(String key) {
    return new S3Exception("NoSuchKey", "The specified key does not exist.", 404).with("Key", key);
  }

  public static S3Exception noSuchVersion(String key, String versionId) {
    return new S3Exception("NoSuchVersion", "The specified version does not exist.", 404)
        .with("Key", key)
        .with("VersionId", versionId);
  }

  public static S3Exception noSuchUpload(String uploadId) {
    return new S3Exception(
            "NoSuchUpload",
            "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
            404)
        .with("UploadId", uploadId);
  }

  public static S3Exception bucketAlreadyOwnedByYou(String bucket) {
    return new S3Exception(
            "BucketAlreadyOwnedByYou",
            "Your previous request to create the named bucket succeeded and you already own it.",
            409)
        .with("BucketName", bucket);
  }

  public static S3Exception bucketAlreadyExists(String bucket) {
    return new S3Exception(
            "BucketAlreadyExists",
            "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
            409)
        .with("BucketName", bucket);
  }

  public static S3Exception bucketNotEmpty(String bucket) {
    return new S3Exception("BucketNotEmpty", "The bucket you tried to delete is not empty", 409).with("BucketName", bucket);
  }

  public static S3Exception invalidBucketName(String bucket) {
    return new S3Exception("InvalidBucketName", "The specified bucket is not valid.", 400).with("BucketName", bucket);
  }

  public static S3Exception keyTooLong() {
    return new S3Exception("KeyTooLongError", "Your key is too long", 400);
  }

  public static S3Exception invalidArgument(String message, String name, String value) {
    return new S3Exception("InvalidArgument", message, 400).with("ArgumentName", name).with("ArgumentValue", value);
  }

  public static S3Exception invalidRequest(String message) {
    return new S3Exception("InvalidRequest", message, 400);
  }

  public static S3Exception malformedXml() {
    return new S3Exception(
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema",
        400);
  }

  public static S3Exception badDigest() {
    return new S3Exception("BadDigest", "The Content-MD5 you specified did not match what we received.", 400);
  }

  public static S3Exception invalidDigest() {
    return new S3Exception("InvalidDigest", "The Content-MD5 you specified is not valid.", 400);
  }

  public static S3Exception checksumMismatch(String algorithm) {
    return new S3Exception(
        "BadDigest", "The " + algorithm + " you specified did not match the calculated checksum.", 400);
  }

  public static S3Exception incompleteBody() {
    return new S3Exception(
        "IncompleteBody", "The request body terminated unexpectedly", 400);
  }

  public static S3Exception invalidRange(long size, String range) {
    return new S3Exception("InvalidRange", "The requested range is not satisfiable", 416)
        .with("RangeRequested", range)
        .with("ActualObjectSize", String.valueOf(size));
  }

  public static S3Exception preconditionFailed(String condition) {
    return new S3Exception("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412)
        .with("Condition", condition);
  }

  public static S3Exception entityTooSmall() {
    return new S3Exception(
        "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.", 400);
  }

  public static S3Exception entityTooLarge() {
    return new S3Exception("EntityTooLarge", "Your proposed upload exceeds the maximum allowed object size.", 400);
  }

  public static S3Exception invalidPart() {
    return new S3Exception(
        "InvalidPart",
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        400);
  }

  public static S3Exception invalidPartOrder() {
    return new S3Exception(
        "InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.", 400);
  }

  public static S3Exception accessDenied(String message) {
    return new S3Exception("AccessDenied", message, 403);
  }

  public static S3Exception methodNotAllowed(String method, String resourceType) {
    return new S3Exception("MethodNotAllowed", "The specified method is not allowed against this resource.", 405)
        .with("Method", method)
        .with("ResourceType", resourceType);
  }

  public static S3Exception noSuchConfiguration(String code, String message, String bucket) {
    return new S3Exception(code, message, 404).with("BucketName", bucket);
  }

  public static S3Exception malformedPostRequest() {
    return new S3Exception("MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.", 400);
  }

  public static S3Exception invalidPolicyDocument(String message) {
    return new S3Exception("InvalidPolicyDocument", message, 400);
  }
}
