package dev.fogbank.dynamodb.partiql;

import dev.fogbank.dynamodb.DynamoDbErrors;
import java.util.ArrayList;
import java.util.List;

/** Splits a PartiQL statement into tokens: identifiers, quoted names, strings, numbers, symbols. */
final class PartiqlLexer {

  enum Kind {
    /** A bare word: keyword or attribute name. */
    WORD,
    /** A double-quoted identifier: {@code "Table"}. */
    QUOTED,
    /** A single-quoted string literal. */
    STRING,
    NUMBER,
    SYMBOL,
    EOF
  }

  record Token(Kind kind, String text) {
    boolean is(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }
  }

  private PartiqlLexer() {}

  static List<Token> tokenize(String s) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'' || c == '"') {
        StringBuilder text = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= s.length()) {
            throw PartiqlParser.malformed("Unexpected end of statement; unterminated quote");
          }
          if (s.charAt(j) == c) {
            if (j + 1 < s.length() && s.charAt(j + 1) == c) {
              text.append(c);
              j += 2;
              continue;
            }
            break;
          }
          text.append(s.charAt(j++));
        }
        tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, text.toString()));
        i = j + 1;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
        int j = i;
        while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
          j++;
        }
        if (j < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
          j++;
          if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
            j++;
          }
          while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
          }
        }
        tokens.add(new Token(Kind.NUMBER, s.substring(i, j)));
        i = j;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
          j++;
        }
        tokens.add(new Token(Kind.WORD, s.substring(i, j)));
        i = j;
      } else {
        String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
        if (List.of("<=", ">=", "<>", "!=", "<<", ">>").contains(two)) {
          tokens.add(new Token(Kind.SYMBOL, two));
          i += 2;
        } else if ("=<>()[]{},.:?*+-".indexOf(c) >= 0) {
          tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
          i++;
        } else {
          throw DynamoDbErrors.validation(
              "Statement wasn't well formed, can't be processed: Unexpected character: " + c);
        }
      }
    }
    tokens.add(new Token(Kind.EOF, ""));
    return tokens;
  }
}
