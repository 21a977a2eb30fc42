package dev.fogbank.s3.upload;

import java.nio.file.Path;
import java.util.Map;

/**
 * An upload written to an incoming file and verified.
 *
 * @param md5 the hex MD5 of the payload (the ETag of a single-part object)
 * @param checksums the flexible checksums the client asked for, by algorithm, base64
 */
public record ReceivedBody(Path file, long size, String md5, Map<ChecksumAlgorithm, String> checksums) {}
