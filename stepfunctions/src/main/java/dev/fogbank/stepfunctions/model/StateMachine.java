package dev.fogbank.stepfunctions.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fogbank.core.protocol.Json;
import dev.fogbank.stepfunctions.asl.StateGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A state machine: its current definition and settings, tags, and published versions. */
public final class StateMachine {

  /** An immutable revision: what an execution started from it runs. */
  public record Revision(String definition, StateGraph graph, String roleArn, String revisionId, long date,
      String description, JsonNode logging, JsonNode tracing) {}

  /** A published version: {@code <stateMachineArn>:<n>}. */
  public record Version(String arn, int number, Revision revision, long creationDate) {}

  private final String arn;
  private final String name;
  private final String type;
  private final long creationDate;
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final List<Version> versions = new CopyOnWriteArrayList<>();
  /** Aliases by name, in creation order; guarded by itself. */
  private final Map<String, Alias> aliases = new LinkedHashMap<>();
  private volatile Revision current;
  private int nextVersion = 1;

  public StateMachine(String arn, String name, String type, long creationDate, Revision current) {
    this.arn = arn;
    this.name = name;
    this.type = type;
    this.creationDate = creationDate;
    this.current = current;
  }

  public String arn() {
    return arn;
  }

  public String name() {
    return name;
  }

  public String type() {
    return type;
  }

  public boolean express() {
    return type.equals("EXPRESS");
  }

  public long creationDate() {
    return creationDate;
  }

  public Revision current() {
    return current;
  }

  public void update(Revision revision) {
    this.current = revision;
  }

  public Map<String, String> tags() {
    return tags;
  }

  public List<Version> versions() {
    return versions;
  }

  /** Publishes the current revision as the next version (or returns the latest if unchanged). */
  public synchronized Version publish(long now, String description) {
    if (!versions.isEmpty()) {
      Version last = versions.get(versions.size() - 1);
      if (last.revision().revisionId().equals(current.revisionId())) {
        return last;
      }
    }
    Revision r = current;
    if (description != null) {
      r = new Revision(r.definition(), r.graph(), r.roleArn(), r.revisionId(), r.date(), description, r.logging(),
          r.tracing());
    }
    Version v = new Version(arn + ":" + nextVersion, nextVersion, r, now);
    nextVersion++;
    versions.add(v);
    return v;
  }

  public Map<String, Alias> aliases() {
    return aliases;
  }

  public Version version(int number) {
    for (Version v : versions) {
      if (v.number() == number) {
        return v;
      }
    }
    return null;
  }

  /** DescribeStateMachine of this machine, or of one of its versions. */
  public ObjectNode describe(Version version) {
    Revision r = version == null ? current : version.revision();
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("stateMachineArn", version == null ? arn : version.arn());
    o.put("name", name);
    o.put("status", "ACTIVE");
    o.put("definition", r.definition());
    o.put("roleArn", r.roleArn());
    o.put("type", type);
    o.put("creationDate", (version == null ? creationDate : version.creationDate()) / 1000.0);
    o.set("loggingConfiguration", r.logging());
    o.set("tracingConfiguration", r.tracing());
    o.put("revisionId", r.revisionId());
    if (r.description() != null && version != null) {
      o.put("description", r.description());
    }
    return o;
  }
}
