package dev.fogbank.cloudwatch.metrics;

/**
 * One published data point: a statistic set over one or more values at one time. {@code values}
 * and {@code counts} hold the raw values when they were sent (Value or Values/Counts), so that
 * percentiles can be computed; a StatisticValues datum has none.
 */
record Datum(
    long timestampMillis,
    String unit,
    double sampleCount,
    double sum,
    double minimum,
    double maximum,
    double[] values,
    double[] counts,
    int storageResolution) {}
