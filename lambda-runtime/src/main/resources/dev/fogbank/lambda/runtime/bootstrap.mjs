// Fogbank's Node.js runtime: the handler contract of AWS Lambda's nodejs runtimes (CommonJS and
// ES module handlers, async and callback styles, the context object, errors as
// errorType/errorMessage/trace) over the Lambda Runtime API that AWS_LAMBDA_RUNTIME_API points at.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import util from "node:util";
import { pathToFileURL } from "node:url";

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(":");
const MARKER = process.env._FOGBANK_LOG_MARKER || "";
delete process.env._FOGBANK_LOG_MARKER;
const TASK_ROOT = process.env.LAMBDA_TASK_ROOT || process.cwd();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function call(method, p, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host, port, method, path: "/2018-06-01/runtime/" + p, agent, headers },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

let currentRequestId = undefined;

// Lambda's console: each line carries the time, the request id and the level.
function patchConsole() {
  const write = (level, stream) => (...args) => {
    const text = util.format(...args).replace(/\n/g, "\r");
    stream.write(`${new Date().toISOString()}\t${currentRequestId ?? "undefined"}\t${level}\t${text}\n`);
  };
  console.log = write("INFO", process.stdout);
  console.info = write("INFO", process.stdout);
  console.debug = write("DEBUG", process.stdout);
  console.warn = write("WARN", process.stderr);
  console.error = write("ERROR", process.stderr);
  console.trace = write("TRACE", process.stderr);
}

function endOfOutput() {
  // Everything the function wrote comes before this line in the log pipe.
  return new Promise((resolve) => {
    if (!MARKER) return resolve();
    process.stderr.write("", () => process.stdout.write(MARKER + "\n", resolve));
  });
}

function errorDocument(err) {
  if (err instanceof Error) {
    return {
      errorType: err.name,
      errorMessage: err.message,
      trace: (err.stack || "").split("\n"),
    };
  }
  return { errorType: "string", errorMessage: String(err), trace: [] };
}

async function postJson(p, doc, errorType) {
  const headers = { "Content-Type": "application/json" };
  if (errorType) headers["Lambda-Runtime-Function-Error-Type"] = errorType;
  await call("POST", p, JSON.stringify(doc), headers);
}

async function initError(doc) {
  console.error(util.format("%s: %s", doc.errorType, doc.errorMessage));
  await endOfOutput();
  await postJson("init/error", doc, doc.errorType);
  process.exit(1);
}

function findModule(name) {
  for (const ext of [".js", ".mjs", ".cjs"]) {
    const file = path.resolve(TASK_ROOT, name + ext);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

async function loadHandler(spec) {
  const dot = spec.lastIndexOf(".");
  if (dot < 1) {
    return initError({ errorType: "Runtime.MalformedHandlerName", errorMessage: "Bad handler " + spec, trace: [] });
  }
  const moduleName = spec.slice(0, dot);
  const fnPath = spec.slice(dot + 1);
  const file = findModule(moduleName);
  if (!file) {
    return initError({
      errorType: "Runtime.ImportModuleError",
      errorMessage: `Error: Cannot find module '${moduleName}'\nRequire stack:\n- ${process.argv[1]}`,
      trace: [],
    });
  }
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    const doc = errorDocument(err);
    if (err instanceof SyntaxError) doc.errorType = "Runtime.UserCodeSyntaxError";
    return initError(doc);
  }
  const fn = mod[fnPath] ?? mod.default?.[fnPath];
  if (typeof fn !== "function") {
    return initError({
      errorType: "Runtime.HandlerNotFound",
      errorMessage: `${spec} is undefined or not exported`,
      trace: [],
    });
  }
  return fn;
}

function context(headers) {
  const deadline = Number(headers["lambda-runtime-deadline-ms"]);
  const clientContext = headers["lambda-runtime-client-context"];
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers["lambda-runtime-invoked-function-arn"],
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers["lambda-runtime-aws-request-id"],
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: undefined,
    clientContext: clientContext ? JSON.parse(clientContext) : undefined,
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
  };
}

// Response streaming handlers: awslambda.streamifyResponse(async (event, responseStream, context)
// => …), as the nodejs runtimes provide it. Fogbank sends what the handler wrote once the stream
// ends, as one response.
const STREAMING = Symbol.for("aws.lambda.runtime.handler.streaming");
globalThis.awslambda = {
  streamifyResponse(fn) {
    fn[STREAMING] = "response";
    return fn;
  },
  HttpResponseStream: {
    // A function URL response's metadata: its JSON, then 8 NUL bytes, then the body.
    from(stream, metadata) {
      stream.write(JSON.stringify(metadata || {}));
      stream.write(Buffer.alloc(8));
      return stream;
    },
  },
};

async function runStreaming(handler, event, ctx) {
  const { Writable } = await import("node:stream");
  const chunks = [];
  const stream = new Writable({
    write(chunk, encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding));
      done();
    },
  });
  stream.setContentType = (type) => { stream.contentType = type; };
  const finished = new Promise((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  await handler(event, stream, ctx);
  await finished;
  return Buffer.concat(chunks);
}

function run(handler, event, ctx) {
  return new Promise((resolve, reject) => {
    const callback = (err, result) => (err ? reject(err) : resolve(result));
    ctx.done = callback;
    ctx.succeed = (result) => resolve(result);
    ctx.fail = (err) => reject(err);
    try {
      const r = handler(event, ctx, callback);
      if (r && typeof r.then === "function") {
        r.then(resolve, reject);
      } else if (handler.length < 3) {
        resolve(r);
      }
    } catch (err) {
      reject(err);
    }
  });
}

async function main() {
  patchConsole();
  const handler = await loadHandler(process.env._HANDLER);
  for (;;) {
    const next = await call("GET", "invocation/next");
    const id = next.headers["lambda-runtime-aws-request-id"];
    currentRequestId = id;
    process.env._X_AMZN_TRACE_ID = next.headers["lambda-runtime-trace-id"] || "";
    try {
      const event = next.body.length ? JSON.parse(next.body.toString("utf8")) : null;
      const ctx = context(next.headers);
      const out = handler[STREAMING]
        ? await runStreaming(handler, event, ctx)
        : JSON.stringify((await run(handler, event, ctx)) ?? null);
      await endOfOutput();
      await call("POST", `invocation/${id}/response`, out, { "Content-Type": "application/json" });
    } catch (err) {
      const doc = errorDocument(err);
      console.error("Invoke Error \t" + JSON.stringify(doc));
      await endOfOutput();
      await postJson(`invocation/${id}/error`, doc, "Unhandled");
    }
  }
}

process.on("uncaughtException", async (err) => {
  const doc = errorDocument(err);
  console.error("Uncaught Exception \t" + JSON.stringify(doc));
  await endOfOutput();
  if (currentRequestId) await postJson(`invocation/${currentRequestId}/error`, doc, "Runtime.UncaughtException");
  process.exit(129);
});

main();
