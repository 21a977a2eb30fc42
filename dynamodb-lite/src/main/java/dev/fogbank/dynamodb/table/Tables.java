package dev.fogbank.dynamodb.table;

import java.util.concurrent.ConcurrentSkipListMap;

/** The tables of one account and region, by name in the order ListTables returns them. */
public final class Tables {

  public final ConcurrentSkipListMap<String, Table> byName = new ConcurrentSkipListMap<>();
}
