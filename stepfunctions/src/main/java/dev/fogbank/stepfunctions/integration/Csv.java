package dev.fogbank.stepfunctions.integration;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 records: quoted fields may hold delimiters, line breaks and doubled quotes; blank lines are skipped. */
final class Csv {

  private Csv() {}

  static List<List<String>> rows(String text, char delimiter) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        any = true;
      } else if (c == delimiter) {
        row.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || field.length() > 0) {
          row.add(field.toString());
          rows.add(row);
        }
        row = new ArrayList<>();
        field.setLength(0);
        any = false;
      } else {
        field.append(c);
      }
    }
    if (any || field.length() > 0) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
