# Fogbank's Python runtime: the handler contract of AWS Lambda's python3.x runtimes (event,
# context object, errors as errorMessage/errorType/stackTrace) over the Lambda Runtime API that
# AWS_LAMBDA_RUNTIME_API points at.
import http.client
import importlib
import json
import os
import sys
import time
import traceback

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
MARKER = os.environ.pop("_FOGBANK_LOG_MARKER", "")
TASK_ROOT = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
OPT = os.environ.get("FOGBANK_LAMBDA_OPT")

conn = http.client.HTTPConnection(API)


def call(method, path, body=None, headers=None):
    global conn
    for attempt in range(2):
        try:
            conn.request(method, "/2018-06-01/runtime/" + path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp, resp.read()
        except (http.client.HTTPException, ConnectionError):
            conn.close()
            conn = http.client.HTTPConnection(API)
            if attempt:
                raise


def end_of_output():
    # Everything the function printed comes before this line in the log pipe.
    sys.stdout.flush()
    sys.stderr.flush()
    if MARKER:
        sys.stdout.write(MARKER + "\n")
        sys.stdout.flush()


def error_document(exc, error_type=None):
    tb = traceback.extract_tb(exc.__traceback__)
    return {
        "errorMessage": str(exc),
        "errorType": error_type or type(exc).__name__,
        "requestId": "",
        "stackTrace": traceback.format_list(tb),
    }


def post_json(path, doc, error_type=None):
    body = json.dumps(doc).encode()
    headers = {"Content-Type": "application/json"}
    if error_type:
        headers["Lambda-Runtime-Function-Error-Type"] = error_type
    call("POST", path, body, headers)


class LambdaContext:
    def __init__(self, request_id, deadline_ms, invoked_arn, client_context):
        self.aws_request_id = request_id
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_arn
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        self.client_context = client_context
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(int(self._deadline_ms - time.time() * 1000), 0)


def init_error(doc):
    end_of_output()
    post_json("init/error", doc, doc["errorType"])
    sys.exit(1)


def load_handler(spec):
    try:
        module_path, function_name = spec.rsplit(".", 1)
    except ValueError as e:
        init_error({"errorMessage": "Bad handler '%s': %s" % (spec, e), "errorType": "Runtime.MalformedHandlerName",
                    "requestId": "", "stackTrace": []})
    module_name = module_path.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        init_error({"errorMessage": "Unable to import module '%s': %s" % (module_name, e),
                    "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []})
    except SyntaxError as e:
        init_error({"errorMessage": "Syntax error in module '%s': %s" % (module_name, e),
                    "errorType": "Runtime.UserCodeSyntaxError", "requestId": "", "stackTrace": []})
    except Exception as e:
        init_error(error_document(e))
    handler = getattr(module, function_name, None)
    if handler is None:
        init_error({"errorMessage": "Handler '%s' missing on module '%s'" % (function_name, module_name),
                    "errorType": "Runtime.HandlerNotFound", "requestId": "", "stackTrace": []})
    return handler


def main():
    sys.path.insert(0, TASK_ROOT)
    if OPT:
        version = "python%d.%d" % sys.version_info[:2]
        sys.path[1:1] = [os.path.join(OPT, "python"), os.path.join(OPT, "python", "lib", version, "site-packages")]
    handler = load_handler(os.environ["_HANDLER"])
    while True:
        resp, body = call("GET", "invocation/next")
        request_id = resp.getheader("Lambda-Runtime-Aws-Request-Id")
        os.environ["_X_AMZN_TRACE_ID"] = resp.getheader("Lambda-Runtime-Trace-Id") or ""
        client_context = resp.getheader("Lambda-Runtime-Client-Context")
        context = LambdaContext(
            request_id,
            int(resp.getheader("Lambda-Runtime-Deadline-Ms")),
            resp.getheader("Lambda-Runtime-Invoked-Function-Arn"),
            json.loads(client_context) if client_context else None,
        )
        try:
            event = json.loads(body) if body else None
            result = handler(event, context)
            try:
                out = json.dumps(result).encode()
            except (TypeError, ValueError) as e:
                doc = {"errorMessage": "Unable to marshal response: %s" % e, "errorType": "Runtime.MarshalError",
                       "requestId": request_id, "stackTrace": []}
                end_of_output()
                post_json("invocation/%s/error" % request_id, doc, doc["errorType"])
                continue
            end_of_output()
            call("POST", "invocation/%s/response" % request_id, out, {"Content-Type": "application/json"})
        except Exception as e:
            doc = error_document(e)
            doc["requestId"] = request_id
            print("[ERROR] %s: %s" % (doc["errorType"], doc["errorMessage"]), file=sys.stderr)
            end_of_output()
            post_json("invocation/%s/error" % request_id, doc, "Unhandled")


if __name__ == "__main__":
    main()
