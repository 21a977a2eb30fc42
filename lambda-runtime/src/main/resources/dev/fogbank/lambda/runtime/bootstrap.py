# Fogbank's Python runtime: the handler contract of AWS Lambda's python3.x runtimes (event,
# context object, errors as errorMessage/errorType/stackTrace) over the Lambda Runtime API that
# AWS_LAMBDA_RUNTIME_API points at.
#
# A cold start pays for every import here, so the list is short: a few lines of HTTP/1.1 over a
# socket instead of http.client (which pulls in email.parser and ssl), traceback only on an error.
import importlib
import json
import os
import socket
import sys
import time

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
MARKER = os.environ.pop("_FOGBANK_LOG_MARKER", "")
SITE = os.environ.pop("_FOGBANK_PYTHON_SITE", "")
TASK_ROOT = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
OPT = os.environ.get("FOGBANK_LAMBDA_OPT")


class Response:
    def __init__(self, status, headers):
        self.status = status
        self.headers = headers

    def getheader(self, name):
        return self.headers.get(name.lower())


class Connection:
    """One keep-alive HTTP/1.1 connection to the Runtime API."""

    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self.address = (host, int(port))
        self.sock = None
        self.reader = None

    def close(self):
        if self.sock is not None:
            self.sock.close()
        self.sock = None
        self.reader = None

    def request(self, method, path, body, headers):
        if self.sock is None:
            self.sock = socket.create_connection(self.address)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.reader = self.sock.makefile("rb")
        body = body or b""
        head = "%s %s HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\n" % (method, path, API, len(body))
        for k, v in headers.items():
            head += "%s: %s\r\n" % (k, v)
        self.sock.sendall(head.encode("latin-1") + b"\r\n" + body)
        status_line = self.reader.readline()
        if not status_line:
            raise ConnectionError("the Runtime API closed the connection")
        status = int(status_line.split()[1])
        fields = {}
        while True:
            line = self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            fields[name.strip().lower()] = value.strip()
        if "content-length" in fields:
            data = self.reader.read(int(fields["content-length"]))
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.reader.readline().split(b";")[0], 16)
                if size == 0:
                    self.reader.readline()
                    break
                data += self.reader.read(size)
                self.reader.readline()
        else:
            data = b""
        if fields.get("connection", "").lower() == "close":
            self.close()
        return Response(status, fields), data


conn = Connection(API)


def call(method, path, body=None, headers=None):
    for attempt in range(2):
        try:
            return conn.request(method, "/2018-06-01/runtime/" + path, body, headers or {})
        except (OSError, ValueError, IndexError):
            conn.close()
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
    import traceback

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
    if SITE:
        # Started with -S: the interpreter's site-packages after everything else, as site would.
        sys.path.extend(d for d in SITE.split(os.pathsep) if d and d not in sys.path)
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
