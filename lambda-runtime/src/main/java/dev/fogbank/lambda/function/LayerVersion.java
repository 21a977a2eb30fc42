package dev.fogbank.lambda.function;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A published layer version: its content and its description as GetLayerVersion answers it (the
 * model's GetLayerVersionResponse).
 */
public record LayerVersion(String layerName, long version, String arn, CodePackage content, ObjectNode description) {}
