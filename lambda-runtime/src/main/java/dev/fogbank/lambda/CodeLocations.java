package dev.fogbank.lambda;

import dev.fogbank.core.admin.AdminApi;
import dev.fogbank.core.engine.RequestContext;
import dev.fogbank.core.protocol.AwsResponse;
import dev.fogbank.lambda.function.CodePackage;
import dev.fogbank.lambda.function.FunctionVersion;
import java.util.Base64;
import java.util.HexFormat;

/**
 * GetFunction's {@code Code.Location}: where Lambda hands out a presigned S3 URL, Fogbank serves
 * the deployment package itself at {@code /_fogbank/lambda/code/<sha256-hex>.zip}.
 */
final class CodeLocations {

  private final AdminApi admin;

  CodeLocations(AdminApi admin) {
    this.admin = admin;
  }

  String url(RequestContext ctx, FunctionVersion version) {
    return url(ctx, version.code());
  }

  String url(RequestContext ctx, CodePackage code) {
    String path = "/_fogbank/lambda/code/" + HexFormat.of().formatHex(Base64.getDecoder().decode(code.sha256())) + ".zip";
    if (admin != null) {
      admin.route("GET " + path, r -> AwsResponse.of(200, "application/zip", code.zip()));
    }
    return (ctx.host() == null ? "http://localhost:4566" : ctx.endpoint()) + path;
  }
}
