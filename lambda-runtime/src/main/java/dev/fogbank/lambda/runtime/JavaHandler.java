package dev.fogbank.lambda.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.amazonaws.services.lambda.runtime.serialization.util.SerializeUtil;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

/**
 * A Java handler resolved as the java runtimes resolve {@code _HANDLER}: {@code pkg.Class} (which
 * implements {@link RequestHandler} or {@link RequestStreamHandler}) or {@code
 * pkg.Class::method} (any public method taking an input, a Context, or the stream pair), with the
 * input and output carried through the runtime's POJO serialization ({@code
 * aws-lambda-java-serialization}).
 */
final class JavaHandler {

  /** Why a handler could not be set up: Lambda reports these as init errors. */
  static final class InitError extends Exception {
    final String errorType;

    InitError(String errorType, String message, Throwable cause) {
      super(message, cause);
      this.errorType = errorType;
    }
  }

  /*
   * The runtime's serialization library assumes one function per JVM, as in Lambda; here each
   * environment has its own class loader, so the event serializers' view of the function's classes
   * (joda-time's DateTime, the events' own classes) must be the environment's: the library caches
   * those classes by name only, so the first environment's would serve every later one. The cache is
   * emptied before each environment's event serializer is made.
   */
  private static final Map<?, ?> CUSTOMER_CLASSES = customerClassCache();
  private static final Object SERIALIZERS = new Object();

  private static Map<?, ?> customerClassCache() {
    try {
      Field f = SerializeUtil.class.getDeclaredField("cachedClasses");
      f.setAccessible(true);
      return f.get(null) instanceof Map<?, ?> m ? m : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // another version of the library, without that cache: nothing to empty
      return null;
    }
  }

  private final Object target;
  private final Method method;
  private final boolean stream;
  private final PojoSerializer<Object> input;
  private final PojoSerializer<Object> output;

  private JavaHandler(Object target, Method method, boolean stream, PojoSerializer<Object> input, PojoSerializer<Object> output) {
    this.target = target;
    this.method = method;
    this.stream = stream;
    this.input = input;
    this.output = output;
  }

  static JavaHandler resolve(String handler, ClassLoader loader) throws InitError {
    if (handler == null || handler.isBlank()) {
      throw new InitError("java.lang.IllegalArgumentException", "Handler is not set", null);
    }
    String className = handler;
    String methodName = null;
    int sep = handler.indexOf("::");
    if (sep >= 0) {
      className = handler.substring(0, sep);
      methodName = handler.substring(sep + 2);
    }
    Class<?> cls;
    try {
      cls = Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      throw new InitError("java.lang.ClassNotFoundException", "Class not found: " + className, e);
    } catch (ExceptionInInitializerError e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new InitError(cause.getClass().getName(), String.valueOf(cause.getMessage()), cause);
    } catch (LinkageError e) {
      throw new InitError(e.getClass().getName(), e.getMessage(), e);
    }
    Method method = methodName == null ? interfaceMethod(cls, className) : namedMethod(cls, methodName, handler);
    Object target = null;
    if (!Modifier.isStatic(method.getModifiers())) {
      try {
        var ctor = cls.getDeclaredConstructor();
        ctor.setAccessible(true);
        target = ctor.newInstance();
      } catch (NoSuchMethodException e) {
        throw new InitError(
            "java.lang.Exception", "Class " + className + " has no public zero-argument constructor", e);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        throw new InitError(cause.getClass().getName(), String.valueOf(cause.getMessage()), cause);
      } catch (ReflectiveOperationException e) {
        throw new InitError(e.getClass().getName(), e.getMessage(), e);
      }
    }
    method.setAccessible(true);
    Class<?>[] params = method.getParameterTypes();
    boolean stream =
        params.length >= 2 && InputStream.class.isAssignableFrom(params[0]) && OutputStream.class.isAssignableFrom(params[1]);
    PojoSerializer<Object> in = null;
    PojoSerializer<Object> out = null;
    if (!stream) {
      if (params.length > 0 && params[0] != Context.class) {
        in = serializer(method.getGenericParameterTypes()[0], params[0], loader);
      }
      if (method.getReturnType() != void.class) {
        out = serializer(method.getGenericReturnType(), method.getReturnType(), loader);
      }
    }
    return new JavaHandler(target, method, stream, in, out);
  }

  private static Method interfaceMethod(Class<?> cls, String className) throws InitError {
    if (RequestStreamHandler.class.isAssignableFrom(cls)) {
      try {
        return cls.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class);
      } catch (NoSuchMethodException e) {
        throw new InitError("java.lang.NoSuchMethodException", e.getMessage(), e);
      }
    }
    if (RequestHandler.class.isAssignableFrom(cls)) {
      return Arrays.stream(cls.getMethods())
          .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge())
          .findFirst()
          .orElseThrow(
              () ->
                  new InitError(
                      "java.lang.Exception",
                      "Class " + className + " does not implement RequestHandler with concrete type parameters",
                      null));
    }
    throw new InitError(
        "java.lang.Exception",
        "Class " + className + " does not implement RequestHandler with concrete type parameters",
        null);
  }

  /** Among public methods of that name, the one with most parameters (at most three), non-bridge. */
  private static Method namedMethod(Class<?> cls, String name, String handler) throws InitError {
    return Arrays.stream(cls.getMethods())
        .filter(m -> m.getName().equals(name) && !m.isBridge() && m.getParameterCount() <= 3)
        .max(Comparator.comparingInt(Method::getParameterCount))
        .orElseThrow(
            () ->
                new InitError(
                    "java.lang.NoSuchMethodException", "No public method named " + name + " with appropriate method signature found on class " + cls.getName(), null));
  }

  @SuppressWarnings("unchecked")
  private static PojoSerializer<Object> serializer(Type type, Class<?> raw, ClassLoader loader) {
    if (LambdaEventSerializers.isLambdaSupportedEvent(raw.getName())) {
      synchronized (SERIALIZERS) {
        if (CUSTOMER_CLASSES != null) {
          CUSTOMER_CLASSES.clear();
        }
        return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor((Class<Object>) raw, loader);
      }
    }
    return JacksonFactory.getInstance().getSerializer(type);
  }

  /** Runs the handler; the caller catches what the function throws. */
  byte[] invoke(byte[] payload, Context context) throws Throwable {
    Class<?>[] params = method.getParameterTypes();
    Object[] args = new Object[params.length];
    ByteArrayOutputStream sink = null;
    if (stream) {
      sink = new ByteArrayOutputStream();
      args[0] = new ByteArrayInputStream(payload);
      args[1] = sink;
      if (params.length == 3) {
        args[2] = context;
      }
    } else {
      for (int i = 0; i < params.length; i++) {
        if (params[i] == Context.class) {
          args[i] = context;
        } else if (i == 0) {
          args[i] = payload.length == 0 ? null : input.fromJson(new ByteArrayInputStream(payload));
        }
      }
    }
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (stream) {
      return sink.toByteArray();
    }
    if (output == null) {
      return "null".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    output.toJson(result, out);
    return out.toByteArray();
  }
}
