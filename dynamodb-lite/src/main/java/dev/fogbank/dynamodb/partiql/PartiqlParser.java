package dev.fogbank.dynamodb.partiql;

import dev.fogbank.core.error.AwsException;
import dev.fogbank.dynamodb.DynamoDbErrors;
import dev.fogbank.dynamodb.expr.Condition;
import dev.fogbank.dynamodb.expr.Operand;
import dev.fogbank.dynamodb.expr.Path;
import dev.fogbank.dynamodb.expr.UpdateAction;
import dev.fogbank.dynamodb.item.AttributeValue;
import dev.fogbank.dynamodb.item.Bytes;
import dev.fogbank.dynamodb.item.Numbers;
import dev.fogbank.dynamodb.partiql.PartiqlLexer.Kind;
import dev.fogbank.dynamodb.partiql.PartiqlLexer.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser for DynamoDB's PartiQL dialect (Developer Guide, "PartiQL - a
 * SQL-compatible query language for Amazon DynamoDB"): SELECT, INSERT, UPDATE and DELETE, with
 * {@code ?} parameters bound in order. Conditions and updates come out as the same trees the
 * expression parameters produce, so one evaluator serves both.
 */
public final class PartiqlParser {

  private static final Set<String> KEYWORDS =
      Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "BETWEEN", "IN", "IS", "MISSING", "NULL", "TRUE", "FALSE",
          "SET", "REMOVE", "RETURNING", "ORDER", "BY", "ASC", "DESC", "VALUE", "INTO", "INSERT", "UPDATE", "DELETE");
  private static final Set<String> COMPARATORS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");

  private final List<Token> tokens;
  private final List<AttributeValue> parameters;
  private int pos;
  private int parameter;

  private PartiqlParser(String statement, List<AttributeValue> parameters) {
    this.tokens = PartiqlLexer.tokenize(statement);
    this.parameters = parameters;
  }

  public static Statement parse(String statement, List<AttributeValue> parameters) {
    PartiqlParser p = new PartiqlParser(statement, parameters);
    Statement s = p.statement();
    if (p.peek().kind() != Kind.EOF) {
      throw p.unexpected();
    }
    if (p.parameter != parameters.size()) {
      throw DynamoDbErrors.validation(
          "Number of parameters in request and statement don't match.");
    }
    return s;
  }

  static AwsException malformed(String detail) {
    return DynamoDbErrors.validation("Statement wasn't well formed, can't be processed: " + detail);
  }

  private AwsException unexpected() {
    Token t = peek();
    return malformed(t.kind() == Kind.EOF ? "Unexpected end of statement" : "Unexpected token: " + t.text());
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    return tokens.get(pos++);
  }

  private boolean acceptWord(String word) {
    if (peek().isWord(word)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expectWord(String word) {
    if (!acceptWord(word)) {
      throw unexpected();
    }
  }

  private void expect(String symbol) {
    if (!peek().is(symbol)) {
      throw unexpected();
    }
    pos++;
  }

  private Statement statement() {
    if (acceptWord("SELECT")) {
      return select();
    }
    if (acceptWord("INSERT")) {
      expectWord("INTO");
      String[] table = tableRef();
      expectWord("VALUE");
      AttributeValue value = literal();
      if (!(value instanceof AttributeValue.M m)) {
        throw malformed("INSERT requires a tuple value");
      }
      return new Statement.Insert(table[0], m.values());
    }
    if (acceptWord("UPDATE")) {
      return update();
    }
    if (acceptWord("DELETE")) {
      expectWord("FROM");
      String[] table = tableRef();
      expectWord("WHERE");
      Condition where = or();
      String returning = returning();
      return new Statement.Delete(table[0], where, returning);
    }
    throw unexpected();
  }

  private Statement select() {
    List<Path> projection = null;
    if (peek().is("*")) {
      pos++;
    } else {
      projection = new ArrayList<>();
      projection.add(path());
      while (peek().is(",")) {
        pos++;
        projection.add(path());
      }
    }
    expectWord("FROM");
    String[] table = tableRef();
    Condition where = acceptWord("WHERE") ? or() : null;
    boolean descending = false;
    if (acceptWord("ORDER")) {
      expectWord("BY");
      path();
      descending = acceptWord("DESC");
      if (!descending) {
        acceptWord("ASC");
      }
    }
    return new Statement.Select(table[0], table[1], projection, where, descending);
  }

  private Statement update() {
    String[] table = tableRef();
    List<UpdateAction> actions = new ArrayList<>();
    while (true) {
      if (acceptWord("SET")) {
        do {
          actions.add(setAction());
        } while (peek().is(",") && pos++ >= 0);
      } else if (acceptWord("REMOVE")) {
        do {
          actions.add(new UpdateAction.Remove(path()));
        } while (peek().is(",") && pos++ >= 0);
      } else {
        break;
      }
    }
    if (actions.isEmpty()) {
      throw unexpected();
    }
    expectWord("WHERE");
    Condition where = or();
    return new Statement.Update(table[0], actions, where, returning());
  }

  private String returning() {
    if (!acceptWord("RETURNING")) {
      return null;
    }
    String which = next().text().toUpperCase(Locale.ROOT);
    String age = next().text().toUpperCase(Locale.ROOT);
    expect("*");
    if (!(which.equals("ALL") || which.equals("MODIFIED")) || !(age.equals("OLD") || age.equals("NEW"))) {
      throw malformed("Unsupported RETURNING clause");
    }
    return which + "_" + age;
  }

  private UpdateAction setAction() {
    Path path = path();
    expect("=");
    Token t = peek();
    if (t.kind() == Kind.WORD && tokens.get(pos + 1).is("(")
        && (t.text().equalsIgnoreCase("set_add") || t.text().equalsIgnoreCase("set_delete"))) {
      pos += 2;
      Path target = path();
      if (!target.equals(path)) {
        throw malformed(t.text() + " must name the attribute it updates");
      }
      expect(",");
      AttributeValue set = literal();
      expect(")");
      Operand.Value v = new Operand.Value(null, set);
      return t.text().equalsIgnoreCase("set_add") ? new UpdateAction.Add(path, v) : new UpdateAction.Delete(path, v);
    }
    return new UpdateAction.Set(path, value());
  }

  private Operand value() {
    Operand left = term();
    if (peek().is("+") || peek().is("-")) {
      char op = next().text().charAt(0);
      return new Operand.Arithmetic(op, left, term());
    }
    return left;
  }

  private Operand term() {
    Token t = peek();
    if (t.kind() == Kind.WORD && tokens.get(pos + 1).is("(") && !KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT))) {
      pos += 2;
      List<Operand> args = new ArrayList<>();
      args.add(value());
      while (peek().is(",")) {
        pos++;
        args.add(value());
      }
      expect(")");
      String name = t.text().toLowerCase(Locale.ROOT);
      if (!name.equals("list_append") && !name.equals("if_not_exists")) {
        throw malformed("Unsupported function in SET: " + t.text());
      }
      return new Operand.Call(name, args);
    }
    return operand();
  }

  private String[] tableRef() {
    String table = name();
    String index = null;
    if (peek().is(".")) {
      pos++;
      index = name();
    }
    return new String[] {table, index};
  }

  private String name() {
    Token t = next();
    if (t.kind() == Kind.QUOTED || (t.kind() == Kind.WORD && !KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT)))) {
      return t.text();
    }
    pos--;
    throw unexpected();
  }

  private Path path() {
    List<Object> elements = new ArrayList<>();
    elements.add(name());
    while (true) {
      if (peek().is(".")) {
        pos++;
        elements.add(name());
      } else if (peek().is("[") && tokens.get(pos + 1).kind() == Kind.NUMBER) {
        pos++;
        elements.add(Integer.parseInt(next().text()));
        expect("]");
      } else {
        return new Path(elements);
      }
    }
  }

  private Condition or() {
    Condition c = and();
    while (acceptWord("OR")) {
      c = new Condition.Or(c, and());
    }
    return c;
  }

  private Condition and() {
    Condition c = not();
    while (acceptWord("AND")) {
      c = new Condition.And(c, not());
    }
    return c;
  }

  private Condition not() {
    if (acceptWord("NOT")) {
      return new Condition.Not(not());
    }
    if (peek().is("(")) {
      int save = pos;
      int saveParameter = parameter;
      try {
        pos++;
        Condition inner = or();
        expect(")");
        return inner;
      } catch (AwsException e) {
        pos = save;
        parameter = saveParameter;
      }
    }
    return comparison();
  }

  private Condition comparison() {
    Token t = peek();
    if (t.kind() == Kind.WORD && tokens.get(pos + 1).is("(") && !t.text().equalsIgnoreCase("size")) {
      String name = t.text().toLowerCase(Locale.ROOT);
      pos += 2;
      List<Operand> args = new ArrayList<>();
      args.add(operand());
      while (peek().is(",")) {
        pos++;
        args.add(operand());
      }
      expect(")");
      int arity =
          switch (name) {
            case "attribute_exists", "attribute_not_exists" -> 1;
            case "begins_with", "contains", "attribute_type" -> 2;
            default -> throw malformed("Unsupported function: " + t.text());
          };
      if (args.size() != arity) {
        throw malformed("Incorrect number of arguments for function: " + t.text());
      }
      return new Condition.Function(name, args);
    }
    Operand left = operand();
    Token op = peek();
    if (op.kind() == Kind.SYMBOL && COMPARATORS.contains(op.text())) {
      pos++;
      return new Condition.Compare(op.text().equals("!=") ? "<>" : op.text(), left, operand());
    }
    if (acceptWord("BETWEEN")) {
      Operand low = operand();
      expectWord("AND");
      return new Condition.Between(left, low, operand());
    }
    if (acceptWord("IN")) {
      String close = peek().is("[") ? "]" : ")";
      if (!peek().is("[") && !peek().is("(")) {
        throw unexpected();
      }
      pos++;
      List<Operand> candidates = new ArrayList<>();
      candidates.add(operand());
      while (peek().is(",")) {
        pos++;
        candidates.add(operand());
      }
      expect(close);
      return new Condition.In(left, candidates);
    }
    if (acceptWord("IS")) {
      boolean negated = acceptWord("NOT");
      Condition c;
      if (acceptWord("MISSING")) {
        c = new Condition.Function("attribute_not_exists", List.of(left));
      } else if (acceptWord("NULL")) {
        c = new Condition.Or(
            new Condition.Function("attribute_not_exists", List.of(left)),
            new Condition.Function("attribute_type", List.of(left, new Operand.Value(null, new AttributeValue.S("NULL")))));
      } else {
        throw unexpected();
      }
      return negated ? new Condition.Not(c) : c;
    }
    throw unexpected();
  }

  private Operand operand() {
    Token t = peek();
    if (t.is("(")) {
      pos++;
      Operand inner = operand();
      expect(")");
      return inner;
    }
    if (t.isWord("size") && tokens.get(pos + 1).is("(")) {
      pos += 2;
      Operand arg = operand();
      expect(")");
      return new Operand.Call("size", List.of(arg));
    }
    if (t.kind() == Kind.QUOTED || (t.kind() == Kind.WORD && !KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT)))) {
      return new Operand.PathRef(path());
    }
    return new Operand.Value(null, literal());
  }

  private AttributeValue literal() {
    Token t = next();
    switch (t.kind()) {
      case STRING:
        return new AttributeValue.S(t.text());
      case NUMBER:
        return new AttributeValue.N(Numbers.parse(t.text()));
      case WORD:
        switch (t.text().toUpperCase(Locale.ROOT)) {
          case "TRUE":
            return new AttributeValue.Bool(true);
          case "FALSE":
            return new AttributeValue.Bool(false);
          case "NULL":
            return new AttributeValue.Null();
          default:
            break;
        }
        break;
      case SYMBOL:
        switch (t.text()) {
          case "?":
            if (parameter >= parameters.size()) {
              throw DynamoDbErrors.validation("Number of parameters in request and statement don't match.");
            }
            return parameters.get(parameter++);
          case "-":
            if (peek().kind() == Kind.NUMBER) {
              return new AttributeValue.N(Numbers.parse("-" + next().text()));
            }
            break;
          case "{": {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            while (!peek().is("}")) {
              Token key = next();
              if (key.kind() != Kind.STRING && key.kind() != Kind.QUOTED) {
                pos--;
                throw unexpected();
              }
              expect(":");
              map.put(key.text(), literal());
              if (!peek().is("}")) {
                expect(",");
              }
            }
            pos++;
            return new AttributeValue.M(map);
          }
          case "[": {
            List<AttributeValue> list = new ArrayList<>();
            while (!peek().is("]")) {
              list.add(literal());
              if (!peek().is("]")) {
                expect(",");
              }
            }
            pos++;
            return new AttributeValue.L(list);
          }
          case "<<": {
            List<AttributeValue> members = new ArrayList<>();
            while (!peek().is(">>")) {
              members.add(literal());
              if (!peek().is(">>")) {
                expect(",");
              }
            }
            pos++;
            return set(members);
          }
          default:
            break;
        }
        break;
      default:
        break;
    }
    pos--;
    throw unexpected();
  }

  private static AttributeValue set(List<AttributeValue> members) {
    if (members.isEmpty()) {
      throw malformed("A set may not be empty");
    }
    if (members.stream().allMatch(m -> m instanceof AttributeValue.S)) {
      Set<String> s = new LinkedHashSet<>();
      members.forEach(m -> s.add(((AttributeValue.S) m).value()));
      return new AttributeValue.SS(s);
    }
    if (members.stream().allMatch(m -> m instanceof AttributeValue.N)) {
      Set<BigDecimal> s = new LinkedHashSet<>();
      members.forEach(m -> s.add(((AttributeValue.N) m).value()));
      return new AttributeValue.NS(s);
    }
    if (members.stream().allMatch(m -> m instanceof AttributeValue.B)) {
      Set<Bytes> s = new LinkedHashSet<>();
      members.forEach(m -> s.add(((AttributeValue.B) m).value()));
      return new AttributeValue.BS(s);
    }
    throw malformed("Set members must all be strings, all numbers or all binary");
  }
}
