package dev.fogbank.dynamodb.expr;

/** One token of an expression, with its place in the source for DynamoDB's "near" in errors. */
record Token(Kind kind, String text, int start, int end) {

  enum Kind {
    /** An attribute name or a keyword: {@code Price}, {@code AND}, {@code SET}. */
    NAME,
    /** An expression attribute name: {@code #n}. */
    ATTR_NAME,
    /** An expression attribute value: {@code :v}. */
    ATTR_VALUE,
    /** Digits, as in a list index {@code [3]}. */
    NUMBER,
    /** Punctuation or an operator: {@code = <> < <= > >= ( ) [ ] , . + -}. */
    SYMBOL,
    EOF
  }

  boolean is(String symbol) {
    return kind == Kind.SYMBOL && text.equals(symbol);
  }

  /** Whether this is the keyword {@code word}; keywords are case-insensitive. */
  boolean isKeyword(String word) {
    return kind == Kind.NAME && text.equalsIgnoreCase(word);
  }

  /** How DynamoDB names the token in a syntax error. */
  String display() {
    return kind == Kind.EOF ? "<EOF>" : text;
  }
}
