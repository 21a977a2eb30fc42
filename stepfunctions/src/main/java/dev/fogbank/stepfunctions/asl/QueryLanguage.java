package dev.fogbank.stepfunctions.asl;

/** The query language of a state machine or a state: {@code JSONPath} (the default) or {@code JSONata}. */
public enum QueryLanguage {
  JSONPath,
  JSONata;

  public static QueryLanguage of(String s, QueryLanguage inherited) {
    if (s == null) {
      return inherited;
    }
    return s.equals("JSONata") ? JSONata : JSONPath;
  }
}
