package dev.fogbank.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Published on the event bus for every record written to a table's stream, for consumers such as
 * Lambda event source mappings.
 *
 * @param record the record as GetRecords returns it (eventID, eventName, dynamodb{…}…)
 */
public record StreamRecordWritten(String streamArn, String tableArn, String account, String region, ObjectNode record) {}
