package dev.fogbank.dynamodb.expr;

import dev.fogbank.core.error.AwsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A recursive-descent parser for DynamoDB's expression grammar. It checks syntax only and builds
 * a tree whose names and values are still placeholders; {@link ExpressionResolver} resolves and
 * checks the meaning.
 *
 * <pre>
 * condition  := or
 * or         := and ( OR and )*
 * and        := not ( AND not )*
 * not        := NOT not | '(' or ')' | comparison
 * comparison := operand comparator operand | operand BETWEEN operand AND operand
 *             | operand IN '(' operand (',' operand)* ')' | function
 * operand    := '(' operand ')' | ':value' | name '(' operand (',' operand)* ')' | path
 * path       := pathname ( '.' pathname | '[' digits ']' )*
 * update     := ( SET set (',' set)* | REMOVE path (',' path)* | ADD path ':v' (',' …)* | DELETE path ':v' (',' …)* )+
 * set        := path '=' value ;  value := term ( ('+' | '-') term )?
 * term       := '(' value ')' | ':value' | name '(' value (',' value)* ')' | path
 * projection := path (',' path)*
 * </pre>
 */
final class ExpressionParser {

  private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");
  private static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");
  private static final Set<String> CLAUSES = Set.of("SET", "REMOVE", "ADD", "DELETE");

  private final String kind;
  private final String source;
  private final List<Token> tokens;
  private int pos;

  ExpressionParser(String kind, String source) {
    this.kind = kind;
    this.source = source;
    this.tokens = Tokenizer.tokenize(source, kind);
    if (tokens.size() == 1) {
      throw ExpressionException.invalid(kind, "The expression can not be empty;");
    }
  }

  Condition condition() {
    Condition c = or();
    expectEnd();
    return c;
  }

  List<Path> projection() {
    List<Path> paths = new ArrayList<>();
    paths.add(path());
    while (peek().is(",")) {
      pos++;
      paths.add(path());
    }
    expectEnd();
    return paths;
  }

  List<UpdateAction> update() {
    List<UpdateAction> actions = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (peek().kind() != Token.Kind.EOF) {
      Token clause = peek();
      String name = clause.text().toUpperCase(Locale.ROOT);
      if (clause.kind() != Token.Kind.NAME || !CLAUSES.contains(name)) {
        throw error();
      }
      pos++;
      if (!seen.add(name)) {
        throw ExpressionException.invalid(
            kind, "The \"" + name + "\" section can only be used once in an update expression;");
      }
      do {
        actions.add(action(name));
      } while (peek().is(",") && pos++ >= 0);
    }
    return actions;
  }

  private UpdateAction action(String clause) {
    Path path = path();
    switch (clause) {
      case "SET" -> {
        expect("=");
        return new UpdateAction.Set(path, value());
      }
      case "REMOVE" -> {
        return new UpdateAction.Remove(path);
      }
      case "ADD" -> {
        return new UpdateAction.Add(path, placeholder());
      }
      default -> {
        return new UpdateAction.Delete(path, placeholder());
      }
    }
  }

  private Operand placeholder() {
    Token t = peek();
    if (t.kind() != Token.Kind.ATTR_VALUE || t.text().length() < 2) {
      throw error();
    }
    pos++;
    return new Operand.Value(t.text(), null);
  }

  /** A SET value: a term, or the sum or difference of two terms. */
  private Operand value() {
    Operand left = term();
    Token t = peek();
    if (t.is("+") || t.is("-")) {
      pos++;
      return new Operand.Arithmetic(t.text().charAt(0), left, term());
    }
    return left;
  }

  /** An operand of an update expression: arithmetic is allowed inside parentheses and arguments. */
  private Operand term() {
    return primary(this::value);
  }

  private Condition or() {
    Condition c = and();
    while (peek().isKeyword("OR")) {
      pos++;
      c = new Condition.Or(c, and());
    }
    return c;
  }

  private Condition and() {
    Condition c = not();
    while (peek().isKeyword("AND")) {
      pos++;
      c = new Condition.And(c, not());
    }
    return c;
  }

  private Condition not() {
    if (peek().isKeyword("NOT")) {
      pos++;
      return new Condition.Not(not());
    }
    if (peek().is("(")) {
      // "(a = b)" groups a condition, "(a) = b" parenthesises an operand: try the first reading
      int save = pos;
      try {
        pos++;
        Condition inner = or();
        expect(")");
        if (!continuesComparison(peek())) {
          return inner;
        }
      } catch (AwsException e) {
        // not a grouped condition; read it as a comparison below
      }
      pos = save;
    }
    return comparison();
  }

  private static boolean continuesComparison(Token t) {
    return (t.kind() == Token.Kind.SYMBOL && COMPARATORS.contains(t.text()))
        || t.isKeyword("BETWEEN")
        || t.isKeyword("IN");
  }

  private Condition comparison() {
    Operand left = operand();
    Token t = peek();
    if (t.kind() == Token.Kind.SYMBOL && COMPARATORS.contains(t.text())) {
      pos++;
      return new Condition.Compare(t.text(), left, operand());
    }
    if (t.isKeyword("BETWEEN")) {
      pos++;
      Operand low = operand();
      if (!peek().isKeyword("AND")) {
        throw error();
      }
      pos++;
      return new Condition.Between(left, low, operand());
    }
    if (t.isKeyword("IN")) {
      pos++;
      expect("(");
      List<Operand> candidates = new ArrayList<>();
      candidates.add(operand());
      while (peek().is(",")) {
        pos++;
        candidates.add(operand());
      }
      expect(")");
      return new Condition.In(left, candidates);
    }
    if (left instanceof Operand.Call call) {
      return new Condition.Function(call.name(), call.args());
    }
    throw error();
  }

  /** An operand of a condition: no arithmetic anywhere inside it. */
  private Operand operand() {
    return primary(this::operand);
  }

  /**
   * A parenthesised operand, a value placeholder, a function call or a path; {@code inner} parses
   * what parentheses and arguments hold, the one difference between the two grammars.
   */
  private Operand primary(Supplier<Operand> inner) {
    Token t = peek();
    if (t.is("(")) {
      pos++;
      Operand operand = inner.get();
      expect(")");
      return operand;
    }
    if (t.kind() == Token.Kind.ATTR_VALUE && t.text().length() > 1) {
      pos++;
      return new Operand.Value(t.text(), null);
    }
    if (isFunctionStart()) {
      pos += 2;
      List<Operand> args = new ArrayList<>();
      args.add(inner.get());
      while (peek().is(",")) {
        pos++;
        args.add(inner.get());
      }
      expect(")");
      return new Operand.Call(t.text(), args);
    }
    return new Operand.PathRef(path());
  }

  private boolean isFunctionStart() {
    Token t = peek();
    return t.kind() == Token.Kind.NAME
        && !KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT))
        && tokens.get(pos + 1).is("(");
  }

  private Path path() {
    List<Object> elements = new ArrayList<>();
    elements.add(pathName());
    while (true) {
      Token t = peek();
      if (t.is(".")) {
        pos++;
        elements.add(pathName());
      } else if (t.is("[")) {
        pos++;
        Token index = peek();
        if (index.kind() != Token.Kind.NUMBER || !index.text().chars().allMatch(Character::isDigit)) {
          throw error();
        }
        pos++;
        int value;
        try {
          value = Integer.parseInt(index.text());
        } catch (NumberFormatException e) {
          throw error();
        }
        expect("]");
        elements.add(value);
      } else {
        return new Path(elements);
      }
    }
  }

  private String pathName() {
    Token t = peek();
    if ((t.kind() == Token.Kind.ATTR_NAME && t.text().length() > 1)
        || (t.kind() == Token.Kind.NAME
            && !KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT))
            && Character.isLetter(t.text().charAt(0)))) {
      pos++;
      return t.text();
    }
    throw error();
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private void expect(String symbol) {
    if (!peek().is(symbol)) {
      throw error();
    }
    pos++;
  }

  private void expectEnd() {
    if (peek().kind() != Token.Kind.EOF) {
      throw error();
    }
  }

  private AwsException error() {
    return ExpressionException.syntax(kind, source, tokens, pos);
  }
}
