package dev.fogbank.dynamodb.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens; the grammar lives in {@link ExpressionParser}. */
final class Tokenizer {

  private Tokenizer() {}

  static List<Token> tokenize(String source, String kind) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int start = i;
      if (c == '#' || c == ':') {
        i++;
        while (i < n && isNamePart(source.charAt(i))) {
          i++;
        }
        tokens.add(
            new Token(c == '#' ? Token.Kind.ATTR_NAME : Token.Kind.ATTR_VALUE, source.substring(start, i), start, i));
      } else if (isNameStart(c)) {
        while (i < n && isNamePart(source.charAt(i))) {
          i++;
        }
        tokens.add(new Token(Token.Kind.NAME, source.substring(start, i), start, i));
      } else if (c >= '0' && c <= '9') {
        while (i < n && isNamePart(source.charAt(i))) {
          i++;
        }
        tokens.add(new Token(Token.Kind.NUMBER, source.substring(start, i), start, i));
      } else if ((c == '<' || c == '>') && i + 1 < n && (source.charAt(i + 1) == '=' || (c == '<' && source.charAt(i + 1) == '>'))) {
        i += 2;
        tokens.add(new Token(Token.Kind.SYMBOL, source.substring(start, i), start, i));
      } else if ("=<>()[],.+-".indexOf(c) >= 0) {
        i++;
        tokens.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), start, i));
      } else {
        Token bad = new Token(Token.Kind.SYMBOL, String.valueOf(c), start, i + 1);
        tokens.add(bad);
        throw ExpressionException.syntax(kind, source, tokens, tokens.size() - 1);
      }
    }
    tokens.add(new Token(Token.Kind.EOF, "", n, n));
    return tokens;
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}
