package dev.fogbank.apigw.vtl;

import dev.fogbank.core.util.Lazy;
import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.VelocityException;

/**
 * Evaluates API Gateway mapping templates (VTL) with Apache Velocity. Undefined references render
 * as written would in Velocity's lenient mode; API Gateway renders them empty, so quiet references
 * are not needed in templates written for it.
 */
public final class Templates {

  /** A template that Velocity could not parse or run: API Gateway answers it with a 500. */
  public static final class TemplateError extends RuntimeException {
    TemplateError(String message) {
      super(message, null, false, false);
    }
  }

  /** Initialised on the first template: Velocity's start-up costs what an API without templates need not pay. */
  private final Lazy<VelocityEngine> engine = Lazy.of(Templates::velocity);

  private static VelocityEngine velocity() {
    Properties p = new Properties();
    p.setProperty("runtime.strict_mode.enable", "false");
    p.setProperty("parser.space_gobbling", "lines");
    p.setProperty("resource.default_encoding", "UTF-8");
    VelocityEngine e = new VelocityEngine(p);
    e.init();
    return e;
  }

  /** The template rendered with the variables given ({@code input}, {@code util}, {@code context}…). */
  public String render(String template, Map<String, Object> variables) {
    VelocityContext ctx = new VelocityContext();
    variables.forEach(ctx::put);
    if (!variables.containsKey("util")) {
      ctx.put("util", new UtilVariable());
    }
    StringWriter out = new StringWriter();
    try {
      engine.get().evaluate(ctx, out, "mapping-template", template);
    } catch (VelocityException | IllegalArgumentException e) {
      throw new TemplateError(e.getMessage());
    }
    return out.toString();
  }
}
