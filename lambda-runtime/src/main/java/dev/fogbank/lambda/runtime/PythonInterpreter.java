package dev.fogbank.lambda.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Python interpreter that runs Fogbank's bootstrap, resolved once per configured name so that
 * a cold start pays for the interpreter and nothing else:
 *
 * <ul>
 *   <li>the real executable ({@code sys.executable}) instead of what {@code lambda.python} names:
 *       version-manager shims (pyenv, asdf) are scripts that cost tens of milliseconds before
 *       Python even starts;
 *   <li>{@code -S}: the {@code site} module is not imported at start, because it runs every
 *       {@code .pth} file of the interpreter's site-packages, some of which import packages;
 *       the site-packages directories themselves are still put on {@code sys.path} (after the
 *       task root and the layers) by the bootstrap, from {@value #SITE_VARIABLE}, so that packages
 *       installed there still import, as the runtime's own packages do in Lambda.
 * </ul>
 *
 * If the interpreter cannot be asked, the configured name is run as it is, with {@code site}.
 */
final class PythonInterpreter {

  private static final Logger log = LoggerFactory.getLogger(PythonInterpreter.class);

  /** Where the bootstrap finds the site-packages directories to append to {@code sys.path}. */
  static final String SITE_VARIABLE = "_FOGBANK_PYTHON_SITE";

  private static final String PROBE =
      "import os, sys, site; print(sys.executable); print(os.pathsep.join(site.getsitepackages()))";

  private static final Map<String, CompletableFuture<PythonInterpreter>> RESOLVED = new ConcurrentHashMap<>();

  private final String executable;
  private final String sitePackages;

  private PythonInterpreter(String executable, String sitePackages) {
    this.executable = executable;
    this.sitePackages = sitePackages;
  }

  /** The interpreter {@code configured} names, asked once (in the background from the first call). */
  static CompletableFuture<PythonInterpreter> of(String configured) {
    return RESOLVED.computeIfAbsent(configured, name -> CompletableFuture.supplyAsync(() -> resolve(name), Thread::startVirtualThread));
  }

  private static PythonInterpreter resolve(String configured) {
    try {
      Process p = new ProcessBuilder(configured, "-c", PROBE).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
        String[] lines = out.strip().split("\n");
        if (lines.length >= 1 && !lines[0].isBlank()) {
          return new PythonInterpreter(lines[0].strip(), lines.length > 1 ? lines[1].strip() : "");
        }
      }
      log.debug("could not ask {} for its executable: {}", configured, out);
    } catch (IOException e) {
      log.debug("could not run {}", configured, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new PythonInterpreter(configured, null);
  }

  /** The command running {@code script}; {@code env} gets the site-packages to append. */
  List<String> command(String script, Map<String, String> env) {
    if (sitePackages == null) {
      return List.of(executable, "-u", script);
    }
    env.put(SITE_VARIABLE, sitePackages);
    return List.of(executable, "-u", "-S", script);
  }
}
